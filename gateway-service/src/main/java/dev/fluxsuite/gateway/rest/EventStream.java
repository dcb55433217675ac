package dev.fluxsuite.gateway.rest;

import io.smallrye.mutiny.Multi;

/** Server-sent events, each already written as text, sent as they come by {@link EventStreamWriter}. */
record EventStream(Multi<String> events) {
}
