package io.periscope.mirror.source;

import java.io.IOException;

/** The capture file's structure is broken beyond the point where reading can continue. */
public final class CaptureFormatException extends IOException {

    public CaptureFormatException(String message) {
        super(message);
    }
}
