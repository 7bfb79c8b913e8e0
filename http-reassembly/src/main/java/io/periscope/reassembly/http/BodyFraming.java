package io.periscope.reassembly.http;

import java.util.List;
import java.util.Locale;

/**
 * How the body of a message whose header section just ended is delimited (RFC 9112 §6.3), decided
 * from the header fields alone; the parser only acts on it.
 *
 * @param kind          what follows the header section
 * @param length        the body length when {@code kind} is {@link Kind#FIXED}, else 0
 * @param error         why the framing is unusable when {@code kind} is {@link Kind#MALFORMED}, else null
 * @param bothLengths   a request carried both Transfer-Encoding and Content-Length: RFC 9112 §6.3 lets
 *                      Transfer-Encoding win, but a server that disagrees reads another body, so this is a
 *                      request-smuggling signal
 */
record BodyFraming(Kind kind, long length, HttpError error, boolean bothLengths) {
    enum Kind {
        /** No body: the message ends with its header section (HEAD, 204, 304, length 0, a request without length). */
        NONE,
        /** Exactly {@code length} (> 0) body bytes follow (Content-Length). */
        FIXED,
        /** Chunked transfer coding is final: chunks follow. */
        CHUNKED,
        /** A response body that ends when the connection does (no length, or a final coding other than chunked). */
        UNTIL_CLOSE,
        /** An interim 1xx response other than 101: the final response follows. */
        INTERIM,
        /** 101 Switching Protocols or a successful CONNECT: HTTP/1 ends with this message. */
        SWITCH,
        /** The length cannot be determined: the message is malformed and framing is lost. */
        MALFORMED
    }

    /** Chunk sizes above this are not believed (2^40 bytes): the line is garbage, not a chunk. */
    private static final long MAX_CHUNK = 1L << 40;

    private static final BodyFraming NONE = of(Kind.NONE);
    private static final BodyFraming CHUNKED = of(Kind.CHUNKED);
    private static final BodyFraming UNTIL_CLOSE = of(Kind.UNTIL_CLOSE);
    private static final BodyFraming INTERIM = of(Kind.INTERIM);
    private static final BodyFraming SWITCH = of(Kind.SWITCH);

    private static BodyFraming of(Kind kind) {
        return new BodyFraming(kind, 0, null, false);
    }

    private static BodyFraming malformed(HttpError error, boolean bothLengths) {
        return new BodyFraming(Kind.MALFORMED, 0, error, bothLengths);
    }

    /**
     * @param message              the message whose header section just ended
     * @param pendingRequestMethod for a response, the method of the request it answers (null when none)
     */
    static BodyFraming of(MessageBuilder message, String pendingRequestMethod) {
        List<String> te = message.transferCodings();
        if (message.request()) {
            if (!te.isEmpty()) {
                boolean both = !message.contentLengths().isEmpty();
                return isChunked(te) ? new BodyFraming(Kind.CHUNKED, 0, null, both)
                        : malformed(HttpError.BAD_TRANSFER_ENCODING, both);
            }
            return byContentLength(message, NONE);
        }
        int status = message.status();
        if (status >= 100 && status < 200 && status != 101) {
            return INTERIM;
        }
        if (status == 101 || ("CONNECT".equalsIgnoreCase(pendingRequestMethod) && status >= 200 && status < 300)) {
            return SWITCH;
        }
        if ("HEAD".equalsIgnoreCase(pendingRequestMethod) || status == 204 || status == 304) {
            return NONE;
        }
        if (!te.isEmpty()) {
            return isChunked(te) ? CHUNKED : UNTIL_CLOSE;
        }
        return byContentLength(message, UNTIL_CLOSE);
    }

    /** Whether a 101 response switches to HTTP/2 over cleartext. */
    static boolean isH2cUpgrade(MessageBuilder response) {
        return response.status() == 101 && response.first("upgrade").toLowerCase(Locale.ROOT).contains("h2c");
    }

    private static boolean isChunked(List<String> transferCodings) {
        return "chunked".equals(transferCodings.get(transferCodings.size() - 1));
    }

    private static BodyFraming byContentLength(MessageBuilder message, BodyFraming whenAbsent) {
        ContentLength cl = ContentLength.parse(message.contentLengths());
        return switch (cl.kind()) {
            case ABSENT -> whenAbsent;
            case VALUE -> cl.length() == 0 ? NONE : new BodyFraming(Kind.FIXED, cl.length(), null, false);
            case INVALID, CONFLICT -> malformed(cl.kind().error(), false);
        };
    }

    /**
     * The size in a chunk-size line (RFC 9112 §7.1: hex digits, optional whitespace, then ';' chunk
     * extensions, which are ignored), or -1 when the line is not one or the size is above 2^40.
     */
    static long chunkSize(byte[] b, int o, int l) {
        long size = 0;
        int i = 0;
        while (i < l) {
            int d = Character.digit(b[o + i], 16);
            if (d < 0) {
                break;
            }
            size = size * 16 + d;
            if (size > MAX_CHUNK) {
                return -1;
            }
            i++;
        }
        int j = i;
        while (j < l && (b[o + j] == ' ' || b[o + j] == '\t')) {
            j++;
        }
        return i == 0 || (j < l && b[o + j] != ';') ? -1 : size;
    }
}
