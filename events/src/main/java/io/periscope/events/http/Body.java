package io.periscope.events.http;

import java.util.List;

/**
 * A message body as captured.
 *
 * @param content         the body after transfer decoding (chunked) and, when {@code decoded}, content
 *                        decoding; at most the configured cap. Base64 in JSON.
 * @param wireLength      bytes of the body on the wire (after de-chunking, before content decoding),
 *                        counted in full even when the content was capped or a gap removed bytes
 * @param decodedLength   bytes after content decoding, counted in full; equals {@code wireLength} when
 *                        no content coding applied or decoding failed
 * @param truncated       {@code content} holds fewer bytes than {@code decodedLength} (cap, gap or decode limit)
 * @param contentType     media type from Content-Type without parameters, lower-cased; null when absent
 * @param contentEncodings the Content-Encoding codings in the order applied by the sender; empty when none
 * @param decoded         the content codings were undone; false when none applied or decoding failed
 *                        (then {@code content} holds the bytes as sent)
 * @param unscanned       why {@code content} could not be scanned for credentials and sensitive values (then it is
 *                        published as captured), or null when it was scanned or is empty. {@code content} of a scanned
 *                        body is the rewritten body (markers in place of values); its length may differ from the
 *                        lengths above, which always describe the wire
 * @param scan            how much of the body sensitive-data detection read and what it found past {@code content};
 *                        null for an empty body and in records of producers older than this field (readers then
 *                        take a body as scanned in full when it is neither {@code truncated} nor {@code unscanned})
 */
public record Body(
        byte[] content,
        long wireLength,
        long decodedLength,
        boolean truncated,
        String contentType,
        List<String> contentEncodings,
        boolean decoded,
        Unscanned unscanned,
        BodyScan scan) {

    public static final Body EMPTY = new Body(new byte[0], 0, 0, false, null, List.of(), false, null, null);

    /** Why a body was published without being scanned. */
    public enum Unscanned {
        /** Not text: an image, an archive, protobuf, or bytes that are not valid UTF-8 text. */
        BINARY,
        /** A content coding could not be undone, so the bytes are still compressed. */
        UNDECODED
    }

    /** A body not (yet) scanned: as captured. */
    public Body(byte[] content, long wireLength, long decodedLength, boolean truncated, String contentType,
                List<String> contentEncodings, boolean decoded) {
        this(content, wireLength, decodedLength, truncated, contentType, contentEncodings, decoded, null, null);
    }

    /** A body without the sensor's scan summary (records written before it existed). */
    public Body(byte[] content, long wireLength, long decodedLength, boolean truncated, String contentType,
                List<String> contentEncodings, boolean decoded, Unscanned unscanned) {
        this(content, wireLength, decodedLength, truncated, contentType, contentEncodings, decoded, unscanned, null);
    }

    /** The same body with other content (after redaction) and scan outcome. */
    public Body withContent(byte[] newContent, Unscanned reason) {
        return new Body(newContent, wireLength, decodedLength, truncated, contentType, contentEncodings, decoded, reason,
                scan);
    }

    /** The same body with the sensor's sensitive-data scan summary. */
    public Body withScan(BodyScan newScan) {
        return new Body(content, wireLength, decodedLength, truncated, contentType, contentEncodings, decoded, unscanned,
                newScan);
    }

    /**
     * Whether detection read only part of the body: as the sensor said ({@link BodyScan#complete()}), or for records
     * without a scan summary, when the content is cut or was not scanned. False for an empty body.
     */
    public boolean partlyScanned() {
        if (scan != null) {
            return !scan.complete();
        }
        return content.length > 0 && (truncated || unscanned != null);
    }

    /**
     * Whether the content is JSON: by its media type, or, when untyped, by starting like a JSON object or array.
     * The one rule for every stage (the sensor picks its rewriter by it, discovery its field reader).
     */
    public boolean holdsJson() {
        return contentType == null ? startsLikeJson(content) : isJsonMediaType(contentType);
    }

    /** {@code application/json}, any {@code +json} type, {@code text/json}; {@code mediaType} lower-case, without parameters. */
    public static boolean isJsonMediaType(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json") || mediaType.equals("text/json");
    }

    private static boolean startsLikeJson(byte[] b) {
        for (byte c : b) {
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    public Body {
        content = content == null ? new byte[0] : content;
        contentEncodings = contentEncodings == null ? List.of() : List.copyOf(contentEncodings);
    }
}
