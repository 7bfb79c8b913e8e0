package io.periscope.benchmarks.format;

import io.periscope.benchmarks.ThreadCpuTime;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.avro.ExchangeAvroSchema;
import io.periscope.events.kafka.ExchangeSerializer;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.RecordFormat;
import io.periscope.events.kafka.SchemaIdHeader;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.serialization.Deserializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.slf4j.LoggerFactory;

/**
 * The exchanges topic's record format, JSON ({@link JsonSerde} of {@link HttpExchange}, bodies in base64) against
 * Avro binary in {@code HttpExchange.avsc}, on {@value #BATCH} realistic exchanges made by the sensor itself
 * (reassembly, parsing, redaction of the benchmark segment stream), through the production code on both sides:
 * the publisher's {@link ExchangeSerializer} (which writes the schema id header) and the readers'
 * {@link TopicReader} deserializer (which picks the format by that header, checks the size and the schema version).
 * Per exchange: CPU to serialize and to deserialize (a typed consumer; for Avro also a generic consumer that has
 * only the schema file, and the same codec on the Avro library's encoder and decoder, {@link AvroLibraryCodec}, the
 * baseline the hand-written codec was chosen against), and a Kafka record batch of the {@value #BATCH} records
 * built with the producer's own batch builder and codec: its size per exchange is printed at setup for none, lz4
 * and zstd, its build time is measured.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar RecordFormatBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordFormatBenchmark {
    static final int BATCH = 100;
    private static final String TOPIC = Topics.EXCHANGES;
    /** The Avro records carry their schema id in a header (4 bytes), as the publisher writes them. */
    private static final Header[] SCHEMA_ID =
            {new RecordHeader(SchemaIdHeader.NAME, SchemaIdHeader.value(ExchangeAvroSchema.ID))};
    private static final Header[] NO_HEADERS = new Header[0];

    private final ExchangeSerializer jsonWriter = new ExchangeSerializer(RecordFormat.JSON);
    private final ExchangeSerializer avroWriter = new ExchangeSerializer(RecordFormat.AVRO);
    private final Deserializer<HttpExchange> reader = TopicReader.of(HttpExchange.class, HttpExchange.SCHEMA_VERSION,
            (topic, reason) -> { }, LoggerFactory.getLogger(RecordFormatBenchmark.class)).deserializer();
    private final RecordHeaders jsonHeaders = new RecordHeaders();
    private final RecordHeaders avroHeaders = new RecordHeaders(SCHEMA_ID);
    private final AvroLibraryCodec library = new AvroLibraryCodec();
    private final GenericDatumReader<GenericRecord> generic =
            new GenericDatumReader<>(new Schema.Parser().parse(ExchangeAvroSchema.text()));
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
    private final ThreadCpuTime cpu = new ThreadCpuTime();
    /** Exchanges handled in this iteration (serialized, read, or put in a batch), for the CPU time per exchange. */
    private long handled;

    @Setup
    public void prepare() throws IOException {
        List<HttpExchange> made = SensorExchanges.make(BATCH);
        exchanges = made.toArray(HttpExchange[]::new);
        keys = new byte[BATCH][];
        jsonRecords = new byte[BATCH][];
        avroRecords = new byte[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            keys[i] = exchanges[i].serviceKey().getBytes(StandardCharsets.UTF_8);
            jsonRecords[i] = jsonWriter.serialize(TOPIC, new RecordHeaders(), exchanges[i]);
            avroRecords[i] = avroWriter.serialize(TOPIC, new RecordHeaders(), exchanges[i]);
            // the Avro bytes are the same exchange: read back typed (both codecs) and generically, compared through JSON
            byte[] viaAvro = jsonWriter.serialize(TOPIC, new RecordHeaders(), reader.deserialize(TOPIC, avroHeaders, avroRecords[i]));
            byte[] viaJson = jsonWriter.serialize(TOPIC, new RecordHeaders(), reader.deserialize(TOPIC, jsonHeaders, jsonRecords[i]));
            if (!Arrays.equals(viaAvro, viaJson) || !Arrays.equals(library.encode(exchanges[i]), avroRecords[i])) {
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
        handled += values.length;
        batchBuffer.clear();
        MemoryRecordsBuilder b = MemoryRecords.builder(batchBuffer, comp, TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < values.length; i++) {
            b.append(1_700_000_000_000L + i, keys[i], values[i], headers);
        }
        return b.build().sizeInBytes();
    }

    @Setup(Level.Iteration)
    public void startCpuClock() {
        handled = 0;
        cpu.start();
    }

    /**
     * CPU time of the benchmark thread per exchange, beside JMH's wall-clock score: on a shared machine the wall clock
     * also counts the time the thread waited for a core; its CPU time does not.
     */
    @TearDown(Level.Iteration)
    public void printCpuPerExchange(BenchmarkParams params) {
        String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        System.out.printf("%n[cpu] %s: %.0f ns CPU per exchange%n", name, 1e9 / cpu.perCpuSecond(handled));
    }

    private int nextIndex() {
        handled++;
        int i = next;
        next = i + 1 == BATCH ? 0 : i + 1;
        return i;
    }

    /** What the publisher's sender thread does per exchange with {@code record-format: json}. */
    @Benchmark
    public byte[] jsonSerialize() {
        return jsonWriter.serialize(TOPIC, new RecordHeaders(), exchanges[nextIndex()]);
    }

    /** What every consumer's {@code TopicReader} does per JSON record. */
    @Benchmark
    public HttpExchange jsonDeserialize() {
        return reader.deserialize(TOPIC, jsonHeaders, jsonRecords[nextIndex()]);
    }

    /** What the publisher's sender thread does per exchange with {@code record-format: avro} (the header included). */
    @Benchmark
    public byte[] avroSerialize() {
        return avroWriter.serialize(TOPIC, new RecordHeaders(), exchanges[nextIndex()]);
    }

    /** What every consumer's {@code TopicReader} does per Avro record. */
    @Benchmark
    public HttpExchange avroDeserialize() {
        return reader.deserialize(TOPIC, avroHeaders, avroRecords[nextIndex()]);
    }

    /** The baseline: the same encoding on the Avro library's {@code BinaryEncoder}. */
    @Benchmark
    public byte[] avroLibrarySerialize() throws IOException {
        return library.encode(exchanges[nextIndex()]);
    }

    /** The baseline: the same decoding on the Avro library's {@code BinaryDecoder} (unbounded). */
    @Benchmark
    public HttpExchange avroLibraryDeserialize() throws IOException {
        return library.decode(avroRecords[nextIndex()]);
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
