package io.periscope.benchmarks.format;

import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The exchanges topic's record format, today's JSON ({@link JsonSerde} of {@link HttpExchange}, bodies in base64)
 * against Avro binary with a schema ({@link AvroExchangeCodec}), on {@value #BATCH} realistic exchanges made by
 * the sensor itself (reassembly, parsing, redaction of the benchmark segment stream). Per exchange: CPU to
 * serialize and to deserialize (a typed consumer, and for Avro also a generic consumer that has only the schema),
 * and a Kafka record batch of the {@value #BATCH} records built with the producer's own batch builder and codec:
 * its size per exchange is printed at setup for none, lz4 and zstd, its build time is measured.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar RecordFormatBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordFormatBenchmark {
    static final int BATCH = 100;
    /** The Avro records carry their schema id in a header, as a registry-aware consumer expects (4 bytes). */
    private static final Header[] SCHEMA_ID = {new RecordHeader("periscope.schema.id", new byte[] {0, 0, 0, 1})};
    private static final Header[] NO_HEADERS = new Header[0];

    private final JsonSerde<HttpExchange> json = JsonSerde.of(HttpExchange.class);
    private final AvroExchangeCodec avro = new AvroExchangeCodec();
    private final GenericDatumReader<GenericRecord> generic = new GenericDatumReader<>(AvroExchangeCodec.SCHEMA);
    private BinaryDecoder genericDecoder;
    private GenericRecord reuse;
    private HttpExchange[] exchanges;
    private byte[][] keys;
    private byte[][] jsonRecords;
    private byte[][] avroRecords;
    private ByteBuffer batchBuffer;
    private final Compression zstd = Compression.zstd().build();
    private final Compression lz4 = Compression.lz4().build();
    private static boolean sizesPrinted;
    private int next;

    @Setup
    public void prepare() throws IOException {
        List<HttpExchange> made = SensorExchanges.make(BATCH);
        exchanges = made.toArray(HttpExchange[]::new);
        keys = new byte[BATCH][];
        jsonRecords = new byte[BATCH][];
        avroRecords = new byte[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            keys[i] = exchanges[i].serviceKey().getBytes(StandardCharsets.UTF_8);
            jsonRecords[i] = json.serialize("exchanges", exchanges[i]);
            avroRecords[i] = avro.encode(exchanges[i]).clone();
            // the Avro bytes are the same exchange: read back typed and generically, compared through JSON
            if (!Arrays.equals(json.serialize("exchanges", avro.decode(avroRecords[i])), jsonRecords[i])) {
                throw new IllegalStateException("Avro round trip differs for exchange " + i);
            }
            genericDecoder = DecoderFactory.get().binaryDecoder(avroRecords[i], genericDecoder);
            generic.read(null, genericDecoder);
        }
        batchBuffer = ByteBuffer.allocate(4 << 20);
        if (sizesPrinted) {
            return;
        }
        sizesPrinted = true;
        System.out.printf("%n[format] %d exchanges: JSON %d B, Avro %d B per exchange uncompressed%n", BATCH,
                total(jsonRecords) / BATCH, total(avroRecords) / BATCH);
        for (String c : new String[] {"none", "lz4", "zstd"}) {
            Compression comp = Compression.of(c).build();
            System.out.printf("[format] batch of %d, %s: JSON %d B, Avro %d B per exchange (record overhead included)%n",
                    BATCH, c, batch(comp, jsonRecords, NO_HEADERS) / BATCH, batch(comp, avroRecords, SCHEMA_ID) / BATCH);
        }
    }

    private static long total(byte[][] records) {
        return Arrays.stream(records).mapToLong(r -> r.length).sum();
    }

    private int batch(Compression comp, byte[][] values, Header[] headers) {
        batchBuffer.clear();
        MemoryRecordsBuilder b = MemoryRecords.builder(batchBuffer, comp, TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < values.length; i++) {
            b.append(1_700_000_000_000L + i, keys[i], values[i], headers);
        }
        return b.build().sizeInBytes();
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == BATCH ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public byte[] jsonSerialize() {
        return json.serialize("exchanges", exchanges[nextIndex()]);
    }

    @Benchmark
    public HttpExchange jsonDeserialize() {
        return json.deserialize("exchanges", jsonRecords[nextIndex()]);
    }

    @Benchmark
    public byte[] avroSerialize() throws IOException {
        return avro.encode(exchanges[nextIndex()]);
    }

    @Benchmark
    public HttpExchange avroDeserialize() throws IOException {
        return avro.decode(avroRecords[nextIndex()]);
    }

    /** What a third-party consumer without generated classes does: the schema from the registry, a generic record. */
    @Benchmark
    public GenericRecord avroDeserializeGeneric() throws IOException {
        genericDecoder = DecoderFactory.get().binaryDecoder(avroRecords[nextIndex()], genericDecoder);
        reuse = generic.read(reuse, genericDecoder);
        return reuse;
    }

    /** Building and compressing a record batch of {@value #BATCH} JSON records with zstd, per exchange. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int jsonBatchZstd() {
        return batch(zstd, jsonRecords, NO_HEADERS);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int avroBatchZstd() {
        return batch(zstd, avroRecords, SCHEMA_ID);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int jsonBatchLz4() {
        return batch(lz4, jsonRecords, NO_HEADERS);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int avroBatchLz4() {
        return batch(lz4, avroRecords, SCHEMA_ID);
    }
}
