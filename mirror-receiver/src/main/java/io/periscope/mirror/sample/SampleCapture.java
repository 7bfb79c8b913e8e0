package io.periscope.mirror.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The sample capture shipped in this module: real HTTP/1.1 traffic against the sample REST API
 * (fictional data), as AWS Traffic Mirroring delivers it (VXLAN, VNI {@value SampleCaptureGenerator#VNI}).
 * Regenerate with {@link SampleCaptureGenerator}.
 */
public final class SampleCapture {
    public static final String RESOURCE = "/io/periscope/mirror/sample/sample-api.pcap";

    private SampleCapture() {
    }

    public static InputStream open() {
        InputStream in = SampleCapture.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("sample capture missing from the classpath: " + RESOURCE);
        }
        return in;
    }

    /** Copies the sample to {@code directory} (the classpath may be a jar) and returns its path. */
    public static Path extractTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve("sample-api.pcap");
        try (InputStream in = open()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
