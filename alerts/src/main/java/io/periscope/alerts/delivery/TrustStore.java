package io.periscope.alerts.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Certificate authorities alert deliveries trust besides the JVM's own ({@code periscope.alerts.trust-store}): a
 * receiver behind a private CA (an internal SIEM, a self-hosted chat) is reached without switching verification off.
 * The file is PEM (one or more {@code CERTIFICATE} blocks) or PKCS12 (its trusted certificates and the certificates
 * of its key entries); it adds to the JVM's CAs and never replaces them. Host name verification stays on.
 *
 * @param path     the file; null: the JVM's CAs only
 * @param password the PKCS12 password; null or empty for PEM
 */
public record TrustStore(Path path, String password) {
    /** A trust store file bigger than this is not a trust store; refusing it bounds what start-up reads. */
    private static final long MAX_BYTES = 4L * 1024 * 1024;

    public static TrustStore jvmDefault() {
        return new TrustStore(null, null);
    }

    /** The TLS socket factory of deliveries: the JVM's CAs plus the file's. */
    public SSLSocketFactory socketFactory() {
        if (path == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate ca : jvmCas()) {
                trusted.setCertificateEntry("jvm-" + n++, ca);
            }
            List<Certificate> extra = read();
            if (extra.isEmpty()) {
                throw new IllegalArgumentException(path + " holds no certificate");
            }
            for (Certificate c : extra) {
                trusted.setCertificateEntry("extra-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot read the trust store " + path + ": " + e.getMessage(), e);
        }
    }

    private List<Certificate> read() throws IOException, GeneralSecurityException {
        if (Files.size(path) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        byte[] bytes = Files.readAllBytes(path);
        if (new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE-----")) {
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            }
        }
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            p12.load(in, password == null ? new char[0] : password.toCharArray());
        }
        List<Certificate> out = new ArrayList<>();
        for (String alias : Collections.list(p12.aliases())) {
            Certificate c = p12.getCertificate(alias);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<X509Certificate> jvmCas() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        List<X509Certificate> out = new ArrayList<>();
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                Collections.addAll(out, x509.getAcceptedIssuers());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TrustStore[" + (path == null ? "JVM CAs only" : path) + "]"; // never the password
    }
}
