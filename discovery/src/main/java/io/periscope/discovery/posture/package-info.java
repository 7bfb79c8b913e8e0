/** Posture rules: what an exchange says about the security of its endpoint. */
package io.periscope.discovery.posture;
