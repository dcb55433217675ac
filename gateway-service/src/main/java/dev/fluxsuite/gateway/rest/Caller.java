package dev.fluxsuite.gateway.rest;

import jakarta.enterprise.context.RequestScoped;

import dev.fluxsuite.gateway.service.Consumer;

/** The consumer whose key the request carries, as {@link ApiKeyFilter} found it. */
@RequestScoped
public class Caller {

    private Consumer consumer;

    public Consumer consumer() {
        if (consumer == null) {
            throw new IllegalStateException("no consumer: the endpoint is not marked @RequiresApiKey");
        }
        return consumer;
    }

    void identified(Consumer consumer) {
        this.consumer = consumer;
    }
}
