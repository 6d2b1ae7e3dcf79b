package io.keyline.source.poll;

import io.keyline.aws.AwsCollector;
import io.keyline.azure.EventHubsCollector;
import io.keyline.azure.GraphCollector;
import io.keyline.gcp.GcpIamCollector;
import io.keyline.gcp.PubSubCollector;
import io.keyline.github.GitHubCollector;
import io.keyline.kubernetes.K8sCollector;
import io.keyline.okta.OktaCollector;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Every collector Keyline has, by the name its settings go under ({@code collect.<name>.*}), and
 * the sources the settings of a run describe. Each collector also takes {@code interval}: the
 * seconds a stream that has caught up waits before it is polled again (default 60).
 */
@PublicEvolving
public final class Collectors {

    /** The default seconds between polls of a stream that has caught up. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    private static final Map<String, BiFunction<CollectorSettings, Clock, Feeds>> COLLECTORS =
            new LinkedHashMap<>();

    static {
        COLLECTORS.put("okta", OktaCollector::of);
        COLLECTORS.put("aws", AwsCollector::of);
        COLLECTORS.put("gcp-pubsub", PubSubCollector::of);
        COLLECTORS.put("gcp", GcpIamCollector::of);
        COLLECTORS.put("github", GitHubCollector::of);
        COLLECTORS.put("k8s", K8sCollector::of);
        COLLECTORS.put(EventHubsCollector.NAME, EventHubsCollector::of);
        COLLECTORS.put(GraphCollector.NAME, GraphCollector::of);
    }

    private Collectors() {}

    /** The names of the collectors. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(COLLECTORS.keySet()));
    }

    /**
     * The sources of the collectors {@code settings} configure (keys {@code <collector>.<name>},
     * without the {@value CollectorSettings#PREFIX} prefix); a wrong setting is an {@link
     * IllegalArgumentException} with one sentence that names it.
     */
    public static List<PollingSource> sources(Map<String, String> settings, boolean bounded) {
        List<PollingSource> sources = new ArrayList<>();
        CollectorSettings.byCollector(settings)
                .forEach(
                        (name, s) -> {
                            BiFunction<CollectorSettings, Clock, Feeds> factory =
                                    COLLECTORS.get(name);
                            if (factory == null) {
                                throw new IllegalArgumentException(
                                        "There is no collector '"
                                                + name
                                                + "' ("
                                                + CollectorSettings.PREFIX
                                                + name
                                                + ".*); the collectors are "
                                                + String.join(", ", COLLECTORS.keySet())
                                                + ".");
                            }
                            Duration interval = s.seconds("interval", DEFAULT_INTERVAL);
                            sources.add(
                                    new PollingSource(
                                            factory.apply(s, Clock.systemUTC()),
                                            interval,
                                            bounded));
                        });
        return sources;
    }
}
