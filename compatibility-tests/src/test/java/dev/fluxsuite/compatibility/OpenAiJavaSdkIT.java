package dev.fluxsuite.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.images.Image;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImageModel;

import dev.fluxsuite.testsupport.Images;

/** The gateway through OpenAI's official Java SDK, called as its README shows: a base URL and a key. */
@ExtendWith(RunningSuite.class)
class OpenAiJavaSdkIT {

    private static OpenAIClient client;

    @BeforeAll
    static void client() {
        client = OpenAIOkHttpClient.builder().baseUrl(RunningSuite.gateway() + "/v1").apiKey(RunningSuite.KEY).build();
    }

    @Test
    void generatesAnImageAsBase64() {
        Image image = client.images().generate(ImageGenerateParams.builder().prompt("a lighthouse at dawn")
                .model("FLUX.1-Schnell-CF").responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON).build())
                .data().orElseThrow().get(0);

        BufferedImage picture = Images.decodeBase64(image.b64Json().orElseThrow());
        assertThat(picture.getWidth()).isEqualTo(1024);
        assertThat(image.revisedPrompt()).get().asString().contains("lighthouse");
    }

    @Test
    void generatesAnImageByUrl() throws Exception {
        Image image = client.images().generate(ImageGenerateParams.builder().prompt("a fox in the snow")
                .model("SD-XL-Lightning-CF").size(ImageGenerateParams.Size.of("512x384")).build()).data().orElseThrow().get(0);

        BufferedImage picture = fetch(image.url().orElseThrow());
        assertThat(picture.getWidth()).isEqualTo(512);
        assertThat(picture.getHeight()).isEqualTo(384);
    }

    @Test
    void streamsAChatCompletionWhoseTextHoldsTheImage() throws Exception {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("FLUX.1-Schnell-CF")
                .addSystemMessage("You draw what you are told.").addUserMessage("a castle in the clouds 16:9").build();
        StringBuilder text = new StringBuilder();
        AtomicReference<ChatCompletionChunk.Choice.FinishReason> finish = new AtomicReference<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().flatMap(chunk -> chunk.choices().stream()).forEach(choice -> {
                choice.delta().content().ifPresent(text::append);
                choice.finishReason().ifPresent(finish::set);
            });
        }

        assertThat(finish.get()).isEqualTo(ChatCompletionChunk.Choice.FinishReason.STOP);
        String url = text.toString().replaceAll("(?s).*?!\\[[^\\]]*]\\(([^)]+)\\).*", "$1");
        assertThat(fetch(url).getWidth()).isEqualTo(1024);
    }

    @Test
    void answersAChatCompletionWhole() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("FLUX.1-Schnell-CF").addUserMessage("a harbour at night").maxCompletionTokens(1024L)
                .temperature(0.2).build());

        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.choices().get(0).message().content()).get().asString().contains("![", "/images/");
    }

    @Test
    void openAisModelNamesReachWorkersAiModelsThroughTheModelMap() throws Exception {
        Image dallE = client.images().generate(ImageGenerateParams.builder().prompt("a red kite")
                .model(ImageModel.DALL_E_3).build()).data().orElseThrow().get(0);
        assertThat(dallE.url()).as("dall-e-3 answers a URL unless asked otherwise, as OpenAI's does").isPresent();
        assertThat(fetch(dallE.url().get()).getWidth()).isEqualTo(1024);

        Image gptImage = client.images().generate(ImageGenerateParams.builder().prompt("a green kite")
                .model(ImageModel.GPT_IMAGE_1).size(ImageGenerateParams.Size._1024X1536).build()).data().orElseThrow().get(0);
        assertThat(gptImage.b64Json()).as("gpt-image-1 always answers base64, as OpenAI's does").isPresent();
        BufferedImage picture = Images.decodeBase64(gptImage.b64Json().get());
        assertThat(picture.getWidth()).isEqualTo(1024);
        assertThat(picture.getHeight()).isEqualTo(1536);
    }

    @Test
    void errorsComeAsTheSdksTypedExceptions() {
        assertThatThrownBy(() -> client.images().generate(ImageGenerateParams.builder().prompt("a cat").n(1000L).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage())
                        .contains("n must be between 1 and 4, not 1000"));
        assertThatThrownBy(() -> client.images().generate(ImageGenerateParams.builder().prompt("a cat").model("dall-e-2")
                .build())).isInstanceOf(NotFoundException.class);
        OpenAIClient wrong = OpenAIOkHttpClient.builder().baseUrl(RunningSuite.gateway() + "/v1").apiKey("not-a-key").build();
        assertThatThrownBy(() -> wrong.images().generate(ImageGenerateParams.builder().prompt("a cat").build()))
                .isInstanceOf(UnauthorizedException.class);
    }

    private static BufferedImage fetch(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(url).isEqualTo(200);
        return Images.decode(answer.body());
    }
}
