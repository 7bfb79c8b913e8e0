package io.periscope.reassembly.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecoderTest {
    private static final byte[] TEXT = "{\"message\":\"hello, decoded world\"}".repeat(10).getBytes(StandardCharsets.UTF_8);
    private final ContentDecoder decoder = new ContentDecoder(64 * 1024, 1024 * 1024);

    static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(in);
        }
        return b.toByteArray();
    }

    static byte[] deflate(byte[] in, boolean raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(b, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(in);
        }
        return b.toByteArray();
    }

    /** A valid brotli stream built from uncompressed meta-blocks (RFC 7932 §9.2), for data up to 64 KiB. */
    static byte[] brotliStored(byte[] in) {
        int v = ((in.length - 1) << 4) | (1 << 20); // WBITS=16, ISLAST=0, MNIBBLES=4, MLEN-1, ISUNCOMPRESSED=1
        byte[] out = new byte[3 + in.length + 1];
        out[0] = (byte) v;
        out[1] = (byte) (v >>> 8);
        out[2] = (byte) (v >>> 16);
        System.arraycopy(in, 0, out, 3, in.length);
        out[out.length - 1] = 0x03; // ISLAST=1, ISLASTEMPTY=1
        return out;
    }

    @Test
    void gzipAndItsLegacyAliasDecode() throws IOException {
        for (String coding : List.of("gzip", "x-gzip")) {
            ContentDecoder.Result r = decoder.decode(gzip(TEXT), List.of(coding));
            assertThat(r.decoded()).isTrue();
            assertThat(r.content()).isEqualTo(TEXT);
            assertThat(r.complete()).isTrue();
        }
    }

    @Test
    void deflateDecodesWithAndWithoutTheZlibWrapper() throws IOException {
        assertThat(decoder.decode(deflate(TEXT, false), List.of("deflate")).content()).isEqualTo(TEXT);
        assertThat(decoder.decode(deflate(TEXT, true), List.of("deflate")).content()).isEqualTo(TEXT);
    }

    @Test
    void brotliDecodes() {
        ContentDecoder.Result r = decoder.decode(brotliStored(TEXT), List.of("br"));
        assertThat(r.decoded()).isTrue();
        assertThat(r.content()).isEqualTo(TEXT);
    }

    @Test
    void stackedCodingsAreUndoneLastAppliedFirst() throws IOException {
        byte[] twice = gzip(deflate(TEXT, false));
        ContentDecoder.Result r = decoder.decode(twice, List.of("identity", "deflate", "identity", "gzip"));
        assertThat(r.decoded()).isTrue();
        assertThat(r.content()).isEqualTo(TEXT);
    }

    @Test
    void aBodyThatClaimsGzipButIsNotStaysIntact() {
        ContentDecoder.Result r = decoder.decode(TEXT, List.of("gzip"));
        assertThat(r.failed()).isTrue();
        assertThat(r.decoded()).isFalse();
        assertThat(r.content()).isEqualTo(TEXT);
    }

    @Test
    void anUnknownCodingIsKeptAsSent() {
        ContentDecoder.Result r = decoder.decode(TEXT, List.of("compress"));
        assertThat(r.failed()).isTrue();
        assertThat(r.content()).isEqualTo(TEXT);
    }

    @Test
    void aDecompressionBombStopsAtTheLimit() throws IOException {
        byte[] zeros = new byte[50 * 1024 * 1024];
        byte[] bomb = gzip(gzip(zeros));
        ContentDecoder small = new ContentDecoder(1024, 256 * 1024);
        ContentDecoder.Result r = small.decode(bomb, List.of("gzip", "gzip"));
        assertThat(r.limited()).isTrue();
        assertThat(r.content()).hasSize(1024);
        assertThat(r.decodedLength()).isLessThanOrEqualTo(256 * 1024);
    }

    @Test
    void aTruncatedGzipBodyKeepsTheDecodedPrefix() throws IOException {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + (i * 7 % 26));
        }
        byte[] z = gzip(big);
        ContentDecoder.Result r = decoder.decode(Arrays.copyOf(z, z.length / 2), List.of("gzip"));
        assertThat(r.decoded()).isTrue();
        assertThat(r.complete()).isFalse();
        assertThat(r.content()).isEqualTo(Arrays.copyOf(big, r.content().length));
    }
}
