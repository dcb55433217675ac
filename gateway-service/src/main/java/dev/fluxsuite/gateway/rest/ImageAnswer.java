package dev.fluxsuite.gateway.rest;

import dev.fluxsuite.gateway.client.StreamedImage;

/**
 * A JSON answer that ends with an image in base64, sent by {@link ImageAnswerWriter} while the image arrives.
 *
 * @param prefix the document up to and including the opening quote of the image's string
 */
record ImageAnswer(byte[] prefix, StreamedImage image) {
}
