package io.periscope.detection.behaviour;

import io.periscope.detection.endpoint.PathTemplate;
import io.periscope.detection.endpoint.PathTemplates;
import io.periscope.detection.principal.SignIn;
import io.periscope.events.detection.Principals;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.JwtInfo;

import java.util.List;

/** Observations as the principals step builds them, for detector tests. */
final class Obs {
    static final long SECOND = 1_000_000;

    String ip = "192.0.2.10";
    String credential;
    String user;
    String method = "GET";
    String path = "/";
    int status = 200;
    long time;
    long bytes = 500;
    String agent = "Mozilla/5.0";
    JwtInfo jwt;
    SignIn signIn;

    static Obs at(long time) {
        Obs o = new Obs();
        o.time = time;
        return o;
    }

    Obs from(String ip) {
        this.ip = ip;
        return this;
    }

    Obs get(String path, int status) {
        this.method = "GET";
        this.path = path;
        this.status = status;
        return this;
    }

    Obs call(String method, String path, int status) {
        this.method = method;
        this.path = path;
        this.status = status;
        return this;
    }

    Obs credential(String credential) {
        this.credential = credential;
        return this;
    }

    Obs agent(String agent) {
        this.agent = agent;
        return this;
    }

    Obs bytes(long bytes) {
        this.bytes = bytes;
        return this;
    }

    Obs jwt(String fingerprint, String alg, String kid, String sub) {
        this.credential = fingerprint;
        this.jwt = new JwtInfo(alg, kid, "JWT", "https://id.example.test", sub, List.of(), null, null, null);
        return this;
    }

    Obs signIn(String login, String password, int status) {
        this.method = "POST";
        this.path = "/api/login";
        this.status = status;
        this.signIn = new SignIn(login, password);
        return this;
    }

    Observation build() {
        PathTemplate t = PathTemplates.of(path);
        Principals p = new Principals(ip, ClientIpSource.PEER, credential, credential == null ? null : "Bearer", user, null);
        return new Observation("x" + time, "actor", "default|shop", time, method, t.template(), t.objectId(), status, bytes,
                agent, p, jwt, signIn, signIn != null, List.of());
    }
}
