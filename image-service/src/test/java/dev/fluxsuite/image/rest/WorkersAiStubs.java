package dev.fluxsuite.image.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.Base64;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Workers AI answers in their real wire formats, for WireMock. */
final class WorkersAiStubs {

    static final String FLUX = "@cf/black-forest-labs/flux-1-schnell";
    static final String SDXL = "@cf/stabilityai/stable-diffusion-xl-base-1.0";
    static final String LIGHTNING = "@cf/bytedance/stable-diffusion-xl-lightning";
    static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F' };
    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d };

    private WorkersAiStubs() {
    }

    static void stubAll(WireMockServer wireMock, String model, ResponseDefinitionBuilder answer) {
        wireMock.stubFor(post(urlPathMatching("/client/v4/accounts/[^/]+/ai/run/" + model)).willReturn(answer));
    }

    static void stub(WireMockServer wireMock, String account, String model, ResponseDefinitionBuilder answer) {
        wireMock.stubFor(post(urlEqualTo("/client/v4/accounts/" + account + "/ai/run/" + model)).willReturn(answer));
    }

    static ResponseDefinitionBuilder fluxJpeg() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"result\":{\"image\":\"" + Base64.getEncoder().encodeToString(JPEG)
                        + "\"},\"success\":true,\"errors\":[],\"messages\":[]}");
    }

    static ResponseDefinitionBuilder png() {
        return aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(PNG);
    }

    static ResponseDefinitionBuilder error(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"result\":null,\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
                        + "\"}],\"messages\":[]}");
    }
}
