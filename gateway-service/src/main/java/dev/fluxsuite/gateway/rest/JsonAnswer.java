package dev.fluxsuite.gateway.rest;

/**
 * A JSON answer that {@link JsonAnswerWriter} writes straight into the connection's buffer.
 *
 * @param body what is written, with Jackson
 * @param expectedSize about how many bytes it makes: an image answer is some 400 KB, and a buffer that starts near
 *        its size does not have to grow
 */
public record JsonAnswer(Object body, int expectedSize) {
}
