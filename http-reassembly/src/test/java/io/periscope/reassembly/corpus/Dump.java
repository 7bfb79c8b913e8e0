package io.periscope.reassembly.corpus;

import io.periscope.events.http.HttpExchange;
import java.nio.file.Path;

/** Developer aid: prints what one capture yields. */
final class Dump {
    public static void main(String[] args) throws Exception {
        for (HttpExchange e : CorpusTest.reassemble(Path.of(args[0]))) {
            System.out.println(e.id() + " " + (e.request() == null ? "-" : e.request().method() + " " + e.request().target())
                    + " -> " + (e.response() == null ? "-" : e.response().status() + " " + e.response().informational()) + " " + e.flags());
        }
    }
}
