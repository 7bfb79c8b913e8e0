package io.periscope.detection.signature.engine;

import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.command.CommandInjectionDetector;
import io.periscope.detection.signature.log4shell.Log4ShellDetector;
import io.periscope.detection.signature.nosql.NoSqlInjectionDetector;
import io.periscope.detection.signature.redirect.OpenRedirectDetector;
import io.periscope.detection.signature.sql.SqlInjectionDetector;
import io.periscope.detection.signature.ssrf.SsrfDetector;
import io.periscope.detection.signature.ssti.SstiDetector;
import io.periscope.detection.signature.traversal.PathTraversalDetector;
import io.periscope.detection.signature.xss.XssDetector;
import io.periscope.detection.signature.xxe.XxeDetector;
import java.util.List;

/** The signature detectors the engine runs by default, one per attack class. */
public final class SignatureDetectors {
    private SignatureDetectors() {
    }

    /** Every detector, each a stateless singleton safe to share. */
    public static List<ValueDetector> all() {
        return List.of(new SqlInjectionDetector(), new XssDetector(), new PathTraversalDetector(), new CommandInjectionDetector(), new Log4ShellDetector(),
                new SsrfDetector(), new XxeDetector(), new SstiDetector(), new OpenRedirectDetector(),
                new NoSqlInjectionDetector());
    }
}
