package io.periscope.reassembly.redact;

import io.periscope.events.http.Credential;
import java.util.ArrayList;
import java.util.List;

/**
 * What redaction found in one message: its direction and the credentials it carried, in the order met.
 * Lives for one message on one worker thread.
 */
public final class MessageRedactions {
    private final Credential.Direction direction;
    /** Empty until the first credential: most messages carry none. */
    private List<Credential> credentials = List.of();

    public MessageRedactions(Credential.Direction direction) {
        this.direction = direction;
    }

    public Credential.Direction direction() {
        return direction;
    }

    void add(Credential c) {
        if (credentials.isEmpty()) {
            credentials = new ArrayList<>(2);
        }
        credentials.add(c);
    }

    public List<Credential> credentials() {
        return credentials;
    }
}
