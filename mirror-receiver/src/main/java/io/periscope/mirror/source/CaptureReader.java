package io.periscope.mirror.source;

import io.periscope.mirror.decode.LinkType;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the packets of a capture. The current packet's bytes live in {@link #array()} at
 * {@link #offset()} and are valid until the next {@link #next()}: readers parse in place and never
 * allocate per packet.
 */
public interface CaptureReader extends Closeable {

    /**
     * Advances to the next packet.
     *
     * @return false at the end of the capture
     * @throws CaptureFormatException when the structure is corrupt (a length field out of range)
     */
    boolean next() throws IOException;

    byte[] array();

    int offset();

    int capturedLength();

    /** Length of the packet on the wire, which may exceed {@link #capturedLength()} (snap length). */
    int originalLength();

    long timestampMicros();

    /** Link-type number as stored in the file. */
    int linkTypeNumber();

    /** The decoder's view of the link type, or {@code null} when it is not supported. */
    LinkType linkType();

    /** True when the capture ended inside a record: the file was cut short, e.g. a capture that was killed. */
    boolean endedInsideRecord();
}
