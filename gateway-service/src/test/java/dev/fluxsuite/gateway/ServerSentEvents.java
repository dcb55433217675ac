package dev.fluxsuite.gateway;

import java.util.ArrayList;
import java.util.List;

/** Reads a text/event-stream body as an SSE client does: events split by a blank line, {@code event:} and {@code data:}. */
record ServerSentEvents(List<Event> events) {

    record Event(String name, String data) {
    }

    static ServerSentEvents parse(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.split("\r?\n\r?\n")) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\r?\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                }
            }
            if (!data.isEmpty()) {
                events.add(new Event(name, data.toString()));
            }
        }
        return new ServerSentEvents(events);
    }

    List<String> names() {
        return events.stream().map(Event::name).toList();
    }
}
