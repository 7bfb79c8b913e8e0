package io.periscope.events.http.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.events.http.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Records made to hurt a reader: lengths and counts far beyond the record, numbers that never end, branches and
 * symbols the schema lacks, every truncation, random corruption. Each must fail with {@link MalformedAvroException}
 * naming what and where, quickly and without allocating what the record claims; never another exception, never
 * an OutOfMemoryError.
 */
@Timeout(60)
class HostileAvroTest {
    /** schemaVersion 1, id "x", source ("s", 0, "r"), connection ("c", "a", 1, "b", 2): a valid prefix. */
    private static ByteArrayOutputStream prefix() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, 1);
        string(out, "x");
        string(out, "s");
        varint(out, 0);
        string(out, "r");
        string(out, "c");
        string(out, "a");
        varint(out, 1);
        string(out, "b");
        varint(out, 2);
        return out;
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        long n = (v << 1) ^ (v >> 63);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
    }

    private static void string(ByteArrayOutputStream out, String s) {
        varint(out, s.length());
        out.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void aStringClaimingTwoGibibytesFailsBeforeAllocatingIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, 1);
        varint(out, Integer.MAX_VALUE - 8); // the id's length
        out.writeBytes(new byte[16]);

        long before = allocatedBytes();
        assertThatThrownBy(() -> ExchangeAvroCodec.decode(out.toByteArray())).isInstanceOf(MalformedAvroException.class)
                .hasMessage("a string of 2147483639 bytes at byte 1, but 16 bytes are left");
        assertThat(allocatedBytes() - before).isLessThan(1 << 20);
    }

    @Test
    void aNegativeOrHugeLongLengthIsRefused() {
        for (long length : new long[] {-1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            varint(out, 1);
            varint(out, length);
            assertThatThrownBy(() -> ExchangeAvroCodec.decode(out.toByteArray()))
                    .isInstanceOf(MalformedAvroException.class).hasMessageStartingWith("a string of " + length + " bytes");
        }
    }

    @Test
    void aBodyClaimingMoreBytesThanTheRecordHoldsIsRefused() {
        ByteArrayOutputStream out = prefix();
        varint(out, 0); // clientIp null
        varint(out, 0); // clientIpSource null
        string(out, "h");
        varint(out, 0); // no request
        varint(out, 1); // a response
        varint(out, 0); // httpVersion null
        varint(out, 200);
        varint(out, 0); // reason null
        varint(out, 0); // informational: none
        varint(out, 0); // headers: none
        varint(out, 0); // trailers: none
        varint(out, 1L << 33); // body content length

        assertThatThrownBy(() -> ExchangeAvroCodec.decode(out.toByteArray())).isInstanceOf(MalformedAvroException.class)
                .hasMessageStartingWith("bytes of 8589934592 bytes at byte");
    }

    @Test
    void anArrayClaimingABillionHeadersIsRefusedWithoutBuildingThem() {
        ByteArrayOutputStream out = requestUpToHeaders();
        varint(out, 1_000_000_000);
        out.writeBytes(new byte[64]);

        assertThatThrownBy(() -> ExchangeAvroCodec.decode(out.toByteArray())).isInstanceOf(MalformedAvroException.class)
                .hasMessageContaining("1000000000 items of request.headers at byte");
    }

    @Test
    void aNegativeBlockCountWithAHugeBlockSizeIsRefused() {
        ByteArrayOutputStream out = requestUpToHeaders();
        varint(out, -2);
        varint(out, Long.MAX_VALUE);

        assertThatThrownBy(() -> ExchangeAvroCodec.decode(out.toByteArray())).isInstanceOf(MalformedAvroException.class)
                .hasMessageContaining("a block of request.headers of " + Long.MAX_VALUE + " bytes");
    }

    @Test
    void manySmallBlocksCannotAddUpPastTheItemLimit() {
        ByteArrayOutputStream out = requestUpToHeaders();
        // blocks of one empty header each (3 bytes per block), far past the limit
        for (int i = 0; i <= AvroInput.MAX_ITEMS; i++) {
            varint(out, 1);
            varint(out, 0);
            varint(out, 0);
        }
        varint(out, 0);

        assertThatThrownBy(() -> ExchangeAvroCodec.decode(out.toByteArray())).isInstanceOf(MalformedAvroException.class)
                .hasMessageStartingWith("more than " + AvroInput.MAX_ITEMS + " items of request.headers");
    }

    /** A request with method, target, path, query and version null or empty, up to its headers array. */
    private static ByteArrayOutputStream requestUpToHeaders() {
        ByteArrayOutputStream out = prefix();
        varint(out, 0);
        varint(out, 0);
        string(out, "h");
        varint(out, 1); // a request
        varint(out, 0);
        varint(out, 0);
        varint(out, 0);
        varint(out, 0); // query: none
        varint(out, 0); // httpVersion null
        return out;
    }

    @Test
    void aNumberThatNeverEndsIsRefused() {
        byte[] endless = new byte[64];
        Arrays.fill(endless, (byte) 0xFF);

        assertThatThrownBy(() -> ExchangeAvroCodec.decode(endless)).isInstanceOf(MalformedAvroException.class)
                .hasMessage("a number longer than 10 bytes at byte 10");
    }

    @Test
    void aUnionBranchOrEnumSymbolTheSchemaLacksIsRefused() {
        ByteArrayOutputStream branch = prefix();
        varint(branch, 2);
        assertThatThrownBy(() -> ExchangeAvroCodec.decode(branch.toByteArray())).isInstanceOf(MalformedAvroException.class)
                .hasMessageStartingWith("union branch 2 of clientIp");

        ByteArrayOutputStream symbol = prefix();
        varint(symbol, 0);
        varint(symbol, 1);
        varint(symbol, 99);
        assertThatThrownBy(() -> ExchangeAvroCodec.decode(symbol.toByteArray())).isInstanceOf(MalformedAvroException.class)
                .hasMessageStartingWith("symbol 99 of clientIpSource");
    }

    @Test
    void everyTruncationOfARealRecordFailsCleanly() {
        for (HttpExchange x : RealisticExchanges.all()) {
            byte[] whole = ExchangeAvroCodec.encode(x);
            for (int n = 0; n < whole.length; n++) {
                byte[] cut = Arrays.copyOf(whole, n);
                assertThatThrownBy(() -> ExchangeAvroCodec.decode(cut)).as("%s cut at %d", x.id(), n)
                        .isInstanceOf(MalformedAvroException.class);
            }
        }
    }

    @Test
    void bytesLeftOverAfterTheRecordAreRefused() {
        byte[] whole = ExchangeAvroCodec.encode(RealisticExchanges.login());
        byte[] longer = Arrays.copyOf(whole, whole.length + 3);

        assertThatThrownBy(() -> ExchangeAvroCodec.decode(longer)).isInstanceOf(MalformedAvroException.class)
                .hasMessage("3 bytes left over after the record at byte " + whole.length);
    }

    @Test
    void randomCorruptionOfRealRecordsEitherReadsOrFailsCleanlyWithinItsSize() {
        SplittableRandom random = new SplittableRandom(42);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int cases = 0;
        for (HttpExchange x : RealisticExchanges.all()) {
            byte[] whole = ExchangeAvroCodec.encode(x);
            for (int i = 0; i < 4000 && System.nanoTime() < deadline; i++, cases++) {
                byte[] bad = whole.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                }
                try {
                    HttpExchange read = ExchangeAvroCodec.decode(bad);
                    assertThat(read).isNotNull();
                } catch (MalformedAvroException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        }
        assertThat(cases).isGreaterThan(1000);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
