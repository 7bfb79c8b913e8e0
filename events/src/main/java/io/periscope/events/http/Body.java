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
 */
public record Body(
        byte[] content,
        long wireLength,
        long decodedLength,
        boolean truncated,
        String contentType,
        List<String> contentEncodings,
        boolean decoded) {

    public static final Body EMPTY = new Body(new byte[0], 0, 0, false, null, List.of(), false);

    public Body {
        content = content == null ? new byte[0] : content;
        contentEncodings = contentEncodings == null ? List.of() : List.copyOf(contentEncodings);
    }
}
