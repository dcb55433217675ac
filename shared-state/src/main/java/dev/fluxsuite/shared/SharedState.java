package dev.fluxsuite.shared;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.fluxsuite.io.Redacted;
import dev.fluxsuite.shared.config.SharedStateConfig;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * The Redis that replicas share their state through ({@code QUARKUS_REDIS_HOSTS}), and whether it answers now.
 * Commands run behind a circuit breaker inside a time limit: once Redis is lost they fail at once, so that callers go
 * on with their own state without waiting, and a probe finds out when it is back. Losing it logs one WARN, getting it
 * back one INFO; then the {@link #whenConnected} callbacks share again what was kept meanwhile.
 */
@ApplicationScoped
public class SharedState {

    /** The name of the breaker, for {@code CircuitBreakerMaintenance}. */
    public static final String BREAKER = "shared-state:redis";

    /** Where the link stands, as readiness data and status pages show it. */
    public enum State {
        NOT_CONFIGURED,
        CONNECTING,
        CONNECTED,
        UNREACHABLE
    }

    /**
     * The link now.
     *
     * @param redis where Redis is, without a password
     * @param reason why it is unreachable (null otherwise)
     */
    public record Link(State state, String redis, Instant since, String reason) {

        /** One line for readiness data and status pages. */
        public String describe() {
            return switch (state) {
                case NOT_CONFIGURED -> "not configured: this replica keeps its state in its own memory";
                case CONNECTING -> "connecting to " + redis;
                case CONNECTED -> "connected to " + redis;
                case UNREACHABLE -> "unreachable since " + since + ": " + reason
                        + "; this replica goes on with its own state";
            };
        }
    }

    private final InjectableInstance<ReactiveRedisDataSource> redis;
    private final SharedStateConfig config;
    private final Vertx vertx;
    private final boolean configured;
    private final String where;
    private final Set<String> secrets;
    private final Guard guard;
    private final AtomicReference<Link> link;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final List<Runnable> reconnected = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private long probe = -1;

    SharedState(InjectableInstance<ReactiveRedisDataSource> redis, SharedStateConfig config, Vertx vertx,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<List<String>> hosts,
            @ConfigProperty(name = "quarkus.redis.password") Optional<String> password) {
        this.redis = redis;
        this.config = config;
        this.vertx = vertx;
        this.configured = redis.getHandle().getBean().isActive();
        this.where = hosts.map(list -> String.join(",", list.stream().map(Redacted::url).toList())).orElse(null);
        this.secrets = secrets(hosts.orElse(List.of()), password);
        this.link = new AtomicReference<>(new Link(configured ? State.CONNECTING : State.NOT_CONFIGURED, where,
                Instant.now(), null));
        this.guard = Guard.create()
                .withCircuitBreaker().name(BREAKER)
                .requestVolumeThreshold(2).failureRatio(1.0)
                .delay(config.probeInterval().toMillis(), ChronoUnit.MILLIS)
                .onStateChange(this::breakerChanged)
                .done()
                .withTimeout().duration(config.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .build();
    }

    /** Whether {@code QUARKUS_REDIS_HOSTS} is set: without it every replica keeps its own state. */
    public boolean configured() {
        return configured;
    }

    /** Whether Redis answered the last command or probe. */
    public boolean connected() {
        return link.get().state() == State.CONNECTED;
    }

    public Link link() {
        return link.get();
    }

    /** A key or channel of this deployment: the prefix and the parts, joined by colons. */
    public String key(String... parts) {
        return config.keyPrefix() + ":" + String.join(":", parts);
    }

    /**
     * Runs a command on Redis, within {@code SHARED_STATE_TIMEOUT}. Fails at once, without asking Redis, when it is
     * not configured or has just been lost; the caller then goes on with its own state.
     */
    public <T> Uni<T> call(Function<ReactiveRedisDataSource, Uni<T>> command) {
        if (!configured) {
            return Uni.createFrom().failure(new IllegalStateException("QUARKUS_REDIS_HOSTS is not set"));
        }
        return guard.get(() -> command.apply(redis.get()).onFailure().invoke(this::remember),
                new TypeLiteral<Uni<T>>() {
                })
                .invoke(this::answered);
    }

    /**
     * Listens to {@code channel} on a connection of its own, until that connection ends; then {@code ended} runs, and
     * Redis counts as lost until it answers again. The handler is set before SUBSCRIBE is sent, so that neither its
     * confirmation nor a first message can pass it by.
     */
    public Uni<Void> subscribe(String channel, Consumer<String> onMessage, Runnable ended) {
        return call(ds -> ds.getRedis().connect().chain(connection -> {
            connection.handler(message -> {
                if (message != null && message.size() == 3 && "message".equals(message.get(0).toString())) {
                    onMessage.accept(message.get(2).toString());
                }
            });
            connection.endHandler(() -> {
                ended.run();
                lost(new IllegalStateException("the subscription to " + channel + " ended"));
            });
            connection.exceptionHandler(failure -> {
                ended.run();
                lost(failure);
            });
            return connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).replaceWithVoid();
        }));
    }

    /**
     * Runs {@code sync} each time Redis answers: at start and after it was lost, so that what this replica kept
     * meanwhile is shared, and what others shared is read.
     */
    public void whenConnected(Runnable sync) {
        reconnected.add(sync);
        if (connected()) {
            sync.run();
        }
    }

    /** A connection that was to stay open (a subscription) has ended: Redis is taken as lost until it answers again. */
    public void lost(Throwable cause) {
        if (!stopping) {
            remember(cause);
            down();
        }
    }

    /** The message of a failure, without the Redis password should it carry one. */
    public String reason(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        for (String secret : secrets) {
            message = message.replace(secret, "***");
        }
        return message;
    }

    void start(@Observes StartupEvent event) {
        if (configured) {
            Log.infof("Sharing state through Redis at %s", where);
            probe = vertx.setPeriodic(1, config.probeInterval().toMillis(), id -> probe());
        } else {
            Log.info("QUARKUS_REDIS_HOSTS is not set: this replica keeps its state in its own memory");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (probe >= 0) {
            vertx.cancelTimer(probe);
        }
    }

    private void probe() {
        if (stopping || !probing.compareAndSet(false, true)) {
            return;
        }
        call(ds -> ds.execute("PING")).subscribe().with(ok -> probing.set(false), failure -> {
            probing.set(false);
            if (!(failure instanceof CircuitBreakerOpenException)) {
                remember(failure);
            }
            down();
        });
    }

    private void answered() {
        if (link.get().state() != State.CONNECTED) {
            up();
        }
    }

    private void up() {
        Link before = link.getAndUpdate(l -> l.state() == State.CONNECTED ? l
                : new Link(State.CONNECTED, where, Instant.now(), null));
        if (before.state() == State.CONNECTED) {
            return;
        }
        lastFailure.set(null);
        if (before.state() == State.UNREACHABLE) {
            Log.infof("Redis at %s answers again: sharing state with the other replicas again", where);
        }
        for (Runnable sync : reconnected) {
            try {
                sync.run();
            } catch (RuntimeException e) {
                Log.warnf("Sharing state again after Redis came back failed: %s", reason(e));
            }
        }
    }

    private void down() {
        String why = Optional.ofNullable(lastFailure.get())
                .orElse("no answer within " + config.timeout().toMillis() + " ms");
        Link before = link.getAndUpdate(l -> l.state() == State.UNREACHABLE ? l
                : new Link(State.UNREACHABLE, where, Instant.now(), why));
        if (before.state() != State.UNREACHABLE && !stopping) {
            Log.warnf("Redis at %s is unreachable (%s): this replica goes on with its own state and shares it again "
                    + "once Redis answers", where, why);
        }
    }

    private void breakerChanged(CircuitBreakerState state) {
        if (state == CircuitBreakerState.OPEN) {
            down();
        }
    }

    private void remember(Throwable failure) {
        lastFailure.set(reason(failure));
    }

    private static Set<String> secrets(List<String> hosts, Optional<String> password) {
        return Stream.concat(password.stream(), hosts.stream().map(SharedState::password).flatMap(Optional::stream))
                .flatMap(secret -> Stream.of(secret, URLDecoder.decode(secret, StandardCharsets.UTF_8)))
                .filter(secret -> !secret.isEmpty())
                .collect(Collectors.toSet());
    }

    /** The password in {@code redis://user:password@host}, or {@code redis://:password@host}. */
    private static Optional<String> password(String host) {
        try {
            String info = URI.create(host.strip()).getRawUserInfo();
            return info == null ? Optional.empty() : Optional.of(info.substring(info.indexOf(':') + 1));
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }
}
