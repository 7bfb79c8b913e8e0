package io.periscope.events.kafka.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * Pins the Kafka Streams behaviour {@link CommitHookStore} relies on beyond the public contract of
 * {@code StateStore#commit}: a task commits its stores in the order they were added to the topology, so a hook
 * store added before a stage's state store runs before that store commits. The stages' embedded-broker tests
 * (discovery's {@code CommitRecoveryIntegrationTest}, detection's {@code DetectionStreamsIntegrationTest}) check the
 * guarantee built on it end to end.
 */
class CommitHookStoreTest {

    @Test
    void aTaskCommitsItsStoresInTheOrderTheyWereAddedAndRunsTheHookOnEveryCommit() {
        List<String> commits = new ArrayList<>();
        Topology t = new Topology();
        t.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
        t.addProcessor("p", () -> new Processor<String, String, Void, Void>() {
            @Override
            public void init(ProcessorContext<Void, Void> context) {
                CommitHookStore first = context.getStateStore("first");
                CommitHookStore second = context.getStateStore("second");
                first.onFlush(() -> commits.add("first"));
                second.onFlush(() -> commits.add("second"));
            }

            @Override
            public void process(Record<String, String> record) {
                commits.add("record " + record.value());
            }
        }, "in");
        t.addStateStore(CommitHookStore.builder("first"), "p");
        t.addStateStore(CommitHookStore.builder("second"), "p");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "commit-hook-test");
        try (TopologyTestDriver driver = new TopologyTestDriver(t, props)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeInput("k", "1");
            in.pipeInput("k", "2");
        }
        // the test driver commits after every record, as a stream thread does at each commit interval
        assertThat(commits).containsSubsequence("record 1", "first", "second", "record 2", "first", "second");
        assertThat(commits.subList(0, commits.indexOf("record 2")))
                .as("both hooks ran between the records, the first store before the second")
                .endsWith("first", "second");
    }
}
