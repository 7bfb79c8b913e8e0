package io.periscope.benchmarks.sensor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.kafka.ExchangeSerializer;
import io.periscope.events.kafka.RecordFormat;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.replay.Pacer;
import io.periscope.mirror.replay.PipelineIngest;
import io.periscope.mirror.replay.Progress;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import io.periscope.reassembly.IdleClock;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblySinkFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks that a change of the sensor leaves what it publishes alone: {@code ExchangeDigest FILE [JSON|AVRO]} runs
 * the capture through the file pipeline ({@link IdleClock#SEGMENTS}, so a run is deterministic), serializes every
 * exchange as the publisher would, and prints the count, the bytes and an order-independent digest (the sum and
 * the xor of each record's SHA-256 prefix: workers interleave, so the order of records is not fixed). Two builds
 * that print the same line published the same records.
 */
public final class ExchangeDigest {
    private long count;
    private long bytes;
    private long xor;
    private long sum;

    private ExchangeDigest() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ExchangeDigest FILE [JSON|AVRO]");
            System.exit(2);
        }
        ExchangeSerializer serializer = new ExchangeSerializer(RecordFormat.valueOf(args.length > 1 ? args[1] : "JSON"));
        ExchangeDigest digest = new ExchangeDigest();
        ReassemblySinkFactory sinks = new ReassemblySinkFactory(
                ReassemblyConfig.builder("sensor-run-secret-0123456789".getBytes(StandardCharsets.UTF_8)).build(),
                exchange -> digest.add(serializer.serialize("exchanges", exchange)), new SimpleMeterRegistry(),
                IdleClock.SEGMENTS);
        try (CaptureReader reader = CaptureFiles.open(Path.of(args[0]))) {
            PipelineIngest.run(reader, Pacer.unlimited(), ReceiverConfig.defaults(), sinks, new SimpleMeterRegistry(),
                    Progress.NONE);
        }
        System.out.printf("%d exchanges, %d bytes, digest %016x-%016x%n", digest.count, digest.bytes, digest.sum, digest.xor);
    }

    /** Called by every worker: one lock per exchange is nothing next to serializing it. */
    private synchronized void add(byte[] record) {
        long h = ByteBuffer.wrap(sha256(record)).getLong();
        count++;
        bytes += record.length;
        xor ^= h;
        sum += h;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
