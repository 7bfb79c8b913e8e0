/** {@code periscope replay}: sending a capture over UDP as AWS Traffic Mirroring would, or ingesting it into an embedded pipeline. */
package io.periscope.mirror.replay;
