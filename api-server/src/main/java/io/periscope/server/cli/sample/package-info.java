/** Generates the sample capture shipped with the receiver: a sample REST API on loopback, driven by a real client and recorded as AWS Traffic Mirroring delivers it. */
package io.periscope.server.cli.sample;
