package io.periscope.reassembly.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.reassembly.enrich.Fingerprinter;
import io.periscope.reassembly.enrich.JwtDecoder;
import io.periscope.reassembly.support.Harness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CredentialMemoTest {
    private final Fingerprinter fingerprinter = new Fingerprinter(Harness.SECRET);
    private final CredentialMemo memo = new CredentialMemo(fingerprinter);

    @Test
    void aRememberedSecretGetsWhatComputingItAgainGives() {
        Random r = new Random(7);
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) { // more than the slots: secrets replace each other
            secrets.add(i % 3 == 0 ? jwt("user-" + i) : Long.toHexString(r.nextLong()) + i);
        }
        secrets.addAll(List.of("Aa", "BB", "AaAa", "BBBB", "AaBB")); // equal String hashes: one slot, different secrets
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < secrets.size(); i++) {
                String s = secrets.get(r.nextInt(secrets.size()));
                assertThat(memo.fingerprint(s)).isEqualTo(fingerprinter.fingerprint(s));
                assertThat(memo.jwt(s)).isEqualTo(JwtDecoder.decode(s));
                assertThat(memo.fingerprint(new String(s))).isEqualTo(fingerprinter.fingerprint(s));
            }
        }
        String first = jwt("ada");
        assertThat(memo.jwt(first).sub()).isEqualTo("ada");
        assertThat(memo.jwt("Aa")).isNull();
        assertThat(memo.jwt("BB")).isNull();
        assertThat(memo.fingerprint("Aa")).isNotEqualTo(memo.fingerprint("BB"));
    }

    private static String jwt(String sub) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return b.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(("{\"sub\":\"" + sub + "\",\"exp\":1900000000}").getBytes(StandardCharsets.UTF_8))
                + ".c2ln";
    }
}
