package dev.fluxsuite.deployment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import dev.fluxsuite.emulator.config.EmulatorConfig;
import dev.fluxsuite.gateway.config.GatewayConfig;
import dev.fluxsuite.gateway.config.GatewayVariables;
import dev.fluxsuite.image.config.ImageConfig;
import dev.fluxsuite.shared.config.SharedStateConfig;
import dev.fluxsuite.translation.config.TranslationConfig;
import dev.fluxsuite.workersai.config.CloudflareConfig;
import dev.fluxsuite.workersai.config.SeedVariables;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * What each service is, read from its own code: its port and how long it waits for the requests in flight when told
 * to stop (its {@code application.properties}; zero when it does not wait), the environment variables it reads (its
 * {@code @ConfigMapping} properties in their environment form, the seed's names that set them, and Quarkus's own for
 * Redis), and the ones it cannot do without in a deployment.
 */
record ServiceFacts(String name, int port, Duration shutdownTimeout, Set<String> readable, Set<String> required) {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** Quarkus's own settings of the Redis the three services share their state through. */
    static final Set<String> REDIS = Set.of("QUARKUS_REDIS_HOSTS", "QUARKUS_REDIS_PASSWORD");

    static final Map<String, ServiceFacts> ALL = Map.of(
            "gateway-service", facts("gateway-service", List.of(GatewayConfig.class, SharedStateConfig.class),
                    union(GatewayVariables.NAMES.values(), REDIS), Set.of("API_KEY", "TRANSLATION_SERVICE_URL",
                            "IMAGE_SERVICE_URL")),
            "translation-service", facts("translation-service", List.of(TranslationConfig.class, CloudflareConfig.class,
                    SharedStateConfig.class), union(SeedVariables.NAMES.values(), REDIS), Set.of("CF_ACCOUNT_LIST")),
            "image-service", facts("image-service", List.of(ImageConfig.class, CloudflareConfig.class,
                    SharedStateConfig.class), union(SeedVariables.NAMES.values(), REDIS), Set.of("CF_ACCOUNT_LIST")),
            "workers-ai-emulator", facts("workers-ai-emulator", List.of(EmulatorConfig.class), List.of(),
                    Set.of("EMULATOR_ACCOUNTS")));

    private static Set<String> union(Collection<String> names, Set<String> more) {
        Set<String> all = new HashSet<>(names);
        all.addAll(more);
        return all;
    }

    private static ServiceFacts facts(String module, List<Class<?>> mappings, Collection<String> otherNames,
            Set<String> required) {
        Set<String> readable = new HashSet<>(otherNames);
        for (Class<?> mapping : mappings) {
            properties(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping)
                    .forEach(property -> readable.add(environmentName(property)));
        }
        Properties properties = applicationProperties(module);
        return new ServiceFacts(module, Integer.parseInt(properties.getProperty("quarkus.http.port")),
                Duration.parse("PT" + properties.getProperty("%prod.quarkus.shutdown.timeout", "0s")),
                Set.copyOf(readable), required);
    }

    /** The property names of a mapping interface, groups included. */
    static Set<String> properties(String prefix, Class<?> mapping) {
        Set<String> names = new HashSet<>();
        for (Method method : mapping.getDeclaredMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName rename = method.getAnnotation(WithName.class);
            String name = prefix + "." + (rename != null ? rename.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == mapping) {
                names.addAll(properties(name, type));
            } else {
                names.add(name);
            }
        }
        return names;
    }

    /** How SmallRye finds a property in the environment: upper case, every other character an underscore. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Properties applicationProperties(String module) {
        Properties properties = new Properties();
        try (Reader reader = Files
                .newBufferedReader(ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
