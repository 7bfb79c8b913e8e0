package io.periscope.reassembly.content;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Undoes Content-Encoding: gzip / x-gzip, deflate (zlib-wrapped as RFC 9110 says, and the raw deflate
 * many servers send instead), br, identity, in any stack (decoded last-applied first).
 *
 * <p>Decompression-bomb limit: each layer produces at most {@code maxDecodedBytes}; output past it is
 * neither kept nor counted, and the result says it was limited. A body that does not decode at all
 * (e.g. labelled gzip but plain) is returned unchanged and marked failed; a body that decodes for a
 * while and then ends early (capped or lost input) keeps the decoded prefix.
 */
public final class ContentDecoder {
    private final int maxKeptBytes;
    private final int maxDecodedBytes;

    /**
     * @param content        the bytes kept for scanning and publishing (at most maxKeptBytes, the scan limit)
     * @param decodedLength  bytes produced by the last layer (up to the limit), or the input length when not decoded
     * @param decoded        the codings were undone
     * @param failed         a coding could not be undone: {@code content} is the input as sent
     * @param limited        the decompression limit cut the output
     * @param complete       every layer reached its end cleanly
     */
    public record Result(byte[] content, long decodedLength, boolean decoded, boolean failed, boolean limited,
                         boolean complete) {
    }

    public ContentDecoder(int maxKeptBytes, int maxDecodedBytes) {
        this.maxKeptBytes = maxKeptBytes;
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /** The codings named by Content-Encoding fields, lower-cased, in the order the sender applied them. */
    public static List<String> codings(List<String> fieldValues) {
        List<String> out = new ArrayList<>(2);
        for (String v : fieldValues) {
            for (String part : v.split(",")) {
                String c = part.trim().toLowerCase(Locale.ROOT);
                if (!c.isEmpty()) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    public Result decode(byte[] raw, List<String> codings) {
        byte[] current = raw;
        boolean any = false;
        boolean limited = false;
        boolean complete = true;
        for (int i = codings.size() - 1; i >= 0; i--) {
            String coding = codings.get(i);
            if (coding.equals("identity")) {
                continue;
            }
            Layer layer = decodeLayer(current, coding);
            if (layer == null) {
                return new Result(cap(raw), raw.length, false, true, false, false);
            }
            any = true;
            limited |= layer.limited;
            complete &= layer.complete;
            current = layer.bytes;
        }
        if (!any) {
            return new Result(cap(raw), raw.length, false, false, false, true);
        }
        return new Result(cap(current), current.length, true, false, limited, complete);
    }

    private byte[] cap(byte[] b) {
        return b.length <= maxKeptBytes ? b : Arrays.copyOf(b, maxKeptBytes);
    }

    private record Layer(byte[] bytes, boolean limited, boolean complete) {
    }

    private Layer decodeLayer(byte[] in, String coding) {
        return switch (coding) {
            case "gzip", "x-gzip" -> gzip(in);
            case "deflate" -> {
                Layer zlib = looksLikeZlib(in) ? inflate(in, false) : null;
                yield zlib != null ? zlib : inflate(in, true);
            }
            case "br" -> brotli(in);
            default -> null; // compress, zstd, unknown: kept as sent
        };
    }

    private static boolean looksLikeZlib(byte[] in) {
        return in.length >= 2 && (in[0] & 0x0f) == 8 && (((in[0] & 0xff) << 8) | (in[1] & 0xff)) % 31 == 0;
    }

    private Layer gzip(byte[] in) {
        try {
            return drain(new GZIPInputStream(new ByteArrayInputStream(in), 8192));
        } catch (IOException e) {
            return null;
        }
    }

    private Layer inflate(byte[] in, boolean raw) {
        Inflater inflater = new Inflater(raw);
        try {
            return drain(new InflaterInputStream(new ByteArrayInputStream(in), inflater, 8192));
        } finally {
            inflater.end();
        }
    }

    private Layer brotli(byte[] in) {
        try {
            return drain(new BrotliInputStream(new ByteArrayInputStream(in)));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Reads to the end or the limit; null when not a single byte came out before an error. */
    private Layer drain(InputStream stream) {
        byte[] out = new byte[Math.min(maxDecodedBytes, 16 * 1024)];
        int size = 0;
        byte[] chunk = new byte[8192];
        try (InputStream in = stream) {
            while (true) {
                int n = in.read(chunk);
                if (n < 0) {
                    return new Layer(Arrays.copyOf(out, size), false, true);
                }
                int keep = Math.min(n, maxDecodedBytes - size);
                if (size + keep > out.length) {
                    out = Arrays.copyOf(out, Math.min(maxDecodedBytes, Math.max(size + keep, out.length * 2)));
                }
                System.arraycopy(chunk, 0, out, size, keep);
                size += keep;
                if (keep < n) {
                    return new Layer(Arrays.copyOf(out, size), true, false);
                }
            }
        } catch (EOFException e) {
            return size == 0 ? null : new Layer(Arrays.copyOf(out, size), false, false);
        } catch (IOException | RuntimeException e) {
            return size == 0 ? null : new Layer(Arrays.copyOf(out, size), false, false);
        }
    }
}
