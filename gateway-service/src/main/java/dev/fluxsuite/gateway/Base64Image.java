package dev.fluxsuite.gateway;

import java.io.IOException;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Writes an image's bytes as a base64 JSON string with the JDK's encoder (vectorized), several times faster than
 * Jackson's own for the ~300 KiB an answer holds; base64 needs no JSON escaping, so it is written as it is.
 */
@RegisterForReflection
public class Base64Image extends StdSerializer<byte[]> {

    public Base64Image() {
        super(byte[].class);
    }

    @Override
    public void serialize(byte[] image, JsonGenerator json, SerializerProvider provider) throws IOException {
        byte[] base64 = Base64.getEncoder().encode(image);
        json.writeRawUTF8String(base64, 0, base64.length);
    }
}
