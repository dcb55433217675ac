package dev.fluxsuite.workersai.pool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.shared.SharedState;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The account pool's rests, shared through Redis by every replica of image-service and translation-service (they use
 * the same accounts): what one replica's call found is published as it is found, and kept under a key that expires
 * with it, so that the others skip that account without a call of their own and a replica that starts later reads
 * what is in force. Nothing here is on a request's path: a rest is published after the call that found it, and
 * learned as it arrives.
 */
@ApplicationScoped
public class SharedAccountRests {

    /**
     * A rest as Redis carries it: the account by a digest of its id (never the id or the token), the time in epoch
     * milliseconds, and the replica that found it.
     */
    @RegisterForReflection
    record Message(String account, AccountRest.Reason reason, String model, long until, String origin) {
    }

    private final AccountPool pool;
    private final SharedState shared;
    private final ObjectMapper json;
    private final List<String> digests;
    private final Map<String, Integer> accounts = new HashMap<>();
    private final String origin = UUID.randomUUID().toString();
    private final AtomicBoolean subscribed = new AtomicBoolean();

    SharedAccountRests(AccountPool pool, SharedState shared, ObjectMapper json) {
        this.pool = pool;
        this.shared = shared;
        this.json = json;
        this.digests = pool.accounts().stream().map(account -> digest(account.id())).toList();
        for (int i = 0; i < digests.size(); i++) {
            accounts.put(digests.get(i), i);
        }
    }

    void start(@Observes StartupEvent event) {
        if (shared.configured() && pool.configured()) {
            pool.onRest(this::publish);
            shared.whenConnected(this::sync);
        }
    }

    /** Once Redis answers, at start or again: listen, read what is in force, and share what this replica found. */
    private void sync() {
        subscribe();
        shared.call(ds -> ds.key().scan(new KeyScanArgs().match(shared.key("account", "*")).count(1000)).toMulti()
                .collect().asList()
                .chain(keys -> keys.isEmpty() ? Uni.createFrom().item(Map.<String, String> of())
                        : ds.value(String.class).mget(keys.toArray(String[]::new))))
                .subscribe().with(found -> {
                    found.values().stream().filter(Objects::nonNull).forEach(this::learn);
                    pool.rests().forEach(this::publish);
                }, failure -> Log.debugf("Reading the accounts' rests from Redis failed: %s", shared.reason(failure)));
    }

    private void subscribe() {
        if (!subscribed.compareAndSet(false, true)) {
            return;
        }
        shared.subscribe(channel(), this::learn, () -> subscribed.set(false))
                .subscribe().with(ok -> Log.debug("Listening to the accounts' rests other replicas find"),
                        failure -> subscribed.set(false));
    }

    private void publish(AccountRest rest) {
        Message message = new Message(digests.get(rest.account()), rest.reason(), rest.model(),
                rest.until().toEpochMilli(), origin);
        String text;
        try {
            text = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String key = rest.model() == null ? shared.key("account", message.account(), rest.reason().name())
                : shared.key("account", message.account(), rest.reason().name(), rest.model());
        shared.call(ds -> Uni.combine().all().unis(ds.pubsub(String.class).publish(channel(), text),
                ds.value(String.class).set(key, text, new SetArgs().pxAt(rest.until()))).discardItems())
                .subscribe().with(ok -> {
                }, failure -> Log.debugf("%s was not shared: %s", rest, shared.reason(failure)));
    }

    private void learn(String text) {
        Message message;
        try {
            message = json.readValue(text, Message.class);
        } catch (JsonProcessingException e) {
            Log.debugf("Ignored an account rest that is not one: %s", e.getOriginalMessage());
            return;
        }
        Integer account = accounts.get(message.account());
        if (account != null && !origin.equals(message.origin()) && message.reason() != null) {
            pool.learn(new AccountRest(account, message.reason(), message.model(), Instant.ofEpochMilli(message.until())));
        }
    }

    private String channel() {
        return shared.key("account-rests");
    }

    /** The first 16 hex digits of the SHA-256 of the account's id: the same in every service that has the account. */
    public static String digest(String accountId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(accountId.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
