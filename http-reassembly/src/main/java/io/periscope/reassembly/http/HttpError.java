package io.periscope.reassembly.http;

/**
 * Why a parser counted a message (or a line) as an HTTP error; {@link #tag()} is the {@code reason}
 * tag of the {@code http.errors} counter, so the tags stay a closed, documented set.
 */
enum HttpError {
    /** A request line that is not valid but still reads as a request (kept, flagged malformed). */
    BAD_REQUEST_LINE("bad_request_line"),
    /** Where a message had to start, the line is no start line: framing is lost. */
    BAD_START_LINE("bad_start_line"),
    /** A header field line without a colon, with an empty name, or an obs-fold with nothing to continue. */
    BAD_HEADER("bad_header"),
    /** "Name : value" (RFC 9112 §5.1): taken without the whitespace, the message is flagged malformed. */
    WHITESPACE_BEFORE_COLON("whitespace_before_colon"),
    /** More header (or trailer) fields than {@code maxHeaderCount}. */
    TOO_MANY_HEADERS("too_many_headers"),
    /** Start line and fields together longer than {@code maxHeaderBytes}. */
    HEADER_SECTION_TOO_LARGE("header_section_too_large"),
    /** A line longer than {@code maxLineLength}. */
    LINE_TOO_LONG("line_too_long"),
    /** A request with both Transfer-Encoding and Content-Length (RFC 9112 §6.3: a smuggling signal); counted only. */
    TRANSFER_ENCODING_WITH_CONTENT_LENGTH("transfer_encoding_with_content_length"),
    /** A request whose final transfer coding is not chunked: its length cannot be determined (RFC 9112 §6.3). */
    BAD_TRANSFER_ENCODING("bad_transfer_encoding"),
    /** A Content-Length value that is not a number of at most 18 digits. */
    BAD_CONTENT_LENGTH("bad_content_length"),
    /** Content-Length values that differ (RFC 9112 §6.3). */
    CONTENT_LENGTH_CONFLICT("content_length_conflict"),
    /** A chunk-size line without hex digits, with junk after them, or above the chunk size limit. */
    BAD_CHUNK_SIZE("bad_chunk_size"),
    /** Chunk data not followed by an empty line. */
    BAD_CHUNK_TERMINATOR("bad_chunk_terminator");

    private final String tag;

    HttpError(String tag) {
        this.tag = tag;
    }

    /** The metric tag value. */
    String tag() {
        return tag;
    }
}
