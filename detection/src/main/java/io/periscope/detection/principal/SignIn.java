package io.periscope.detection.principal;

/**
 * A sign-in attempt seen in a request: a POST whose body carries a password-like credential.
 *
 * @param login               the login name the body named (masked when it is an e-mail address), null when not visible
 * @param passwordFingerprint the keyed fingerprint of the submitted password (equal passwords, equal fingerprints)
 */
public record SignIn(String login, String passwordFingerprint) {
}
