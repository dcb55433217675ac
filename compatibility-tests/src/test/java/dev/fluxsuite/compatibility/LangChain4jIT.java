package dev.fluxsuite.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.fluxsuite.testsupport.Images;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.openai.OpenAiImageModel;

/**
 * The gateway as LangChain4j's OpenAI image model, with {@code baseUrl} set to it, as LangChain4j's documentation
 * shows. LangChain4j sends no {@code response_format}: as OpenAI's API does, dall-e models answer by URL and gpt-image
 * models in base64.
 */
@ExtendWith(RunningSuite.class)
class LangChain4jIT {

    @Test
    void generatesAnImageByUrl() throws Exception {
        ImageModel model = OpenAiImageModel.builder().baseUrl(RunningSuite.gateway() + "/v1").apiKey(RunningSuite.KEY)
                .modelName("dall-e-3").build();

        Image image = model.generate("a lighthouse on a cliff").content();

        assertThat(image.url()).isNotNull();
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(image.url()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Images.decode(answer.body()).getWidth()).isEqualTo(1024);
        assertThat(image.revisedPrompt()).contains("lighthouse");
    }

    @Test
    void generatesAnImageAsBase64() {
        ImageModel model = OpenAiImageModel.builder().baseUrl(RunningSuite.gateway() + "/v1").apiKey(RunningSuite.KEY)
                .modelName("gpt-image-1").size("1024x1024").build();

        Image image = model.generate("a paper boat on a pond").content();

        assertThat(image.url()).isNull();
        BufferedImage picture = Images.decodeBase64(image.base64Data());
        assertThat(picture.getWidth()).isEqualTo(1024);
    }
}
