package dev.fluxsuite.gateway.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * Asks image-service for an image. Never retried: a generation that timed out may still have run and been
 * billed. The timeout is longer than image-service's own limits (120 s for the slowest family), so that its
 * precise error, not ours, speaks when Workers AI is slow. The breaker counts only what says image-service itself
 * is gone (no connection, no answer); its error answers (429, 502 …) are relayed and count as answers.
 */
@ApplicationScoped
public class ImageClient {

    private final ImageRestClient rest;

    ImageClient(ImageRestClient rest) {
        this.rest = rest;
    }

    @AsynchronousNonBlocking
    @Timeout(150_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = DownstreamException.class)
    public Uni<RenderedImage> generate(ImageCall call) {
        return rest.generate(call).map(ImageClient::read);
    }

    /** Its model list; a few seconds at most, since it only feeds listings. */
    @AsynchronousNonBlocking
    @Timeout(5_000)
    public Uni<ModelLists.ImageModels> models() {
        return rest.models();
    }

    /** Its readiness JSON; a 503 arrives as a {@link DownstreamException} that carries it. */
    @AsynchronousNonBlocking
    @Timeout(5_000)
    public Uni<String> ready() {
        return rest.ready();
    }

    private static RenderedImage read(Response response) {
        byte[] bytes = bytes(response);
        String type = response.getMediaType() == null ? "application/octet-stream"
                : response.getMediaType().getType() + "/" + response.getMediaType().getSubtype();
        return new RenderedImage(bytes, type, response.getHeaderString("X-Model"),
                response.getHeaderString("X-Upstream-Model"), number(response, "X-Attempts", 1),
                number(response, "X-Seed", 0L), response.getHeaderString("X-Image-Size"));
    }

    /**
     * The image in one array of its exact size: the client holds the whole answer already, so the stream knows its
     * length, and reading it into a growing buffer would allocate and copy each image twice more.
     */
    private static byte[] bytes(Response response) {
        try (InputStream in = response.readEntity(InputStream.class)) {
            byte[] image = new byte[in.available()];
            int read = in.readNBytes(image, 0, image.length);
            byte[] rest = in.readAllBytes();
            if (read == image.length && rest.length == 0) {
                return image;
            }
            byte[] whole = Arrays.copyOf(image, read + rest.length);
            System.arraycopy(rest, 0, whole, read, rest.length);
            return whole;
        } catch (IOException e) {
            throw new UncheckedIOException("image-service's answer could not be read", e);
        }
    }

    private static int number(Response response, String header, int otherwise) {
        return (int) number(response, header, (long) otherwise);
    }

    private static long number(Response response, String header, long otherwise) {
        String value = response.getHeaderString(header);
        return value != null && value.matches("\\d{1,19}") ? Long.parseLong(value) : otherwise;
    }
}
