/** Mirror receiver: turns mirrored packets (VXLAN, GENEVE, capture files, live capture) into TCP segments for reassembly; {@link io.periscope.mirror.MirrorReceiver} runs the network-facing parts. */
package io.periscope.mirror;
