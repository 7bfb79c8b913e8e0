package io.periscope.detection.behaviour;

import java.time.Duration;

/**
 * Low-and-slow credential stuffing spread over many addresses ({@code periscope.detection.behaviour.stuffing-campaign.*};
 * docs/detection.md). Sign-in attempts are grouped by client fingerprint and sign-in endpoint; a group is a campaign
 * when, within one {@link #window}, all of these hold.
 *
 * @param window         event-time window of a campaign's counts (long: the attack is slow)
 * @param addresses      distinct client addresses in the group
 * @param failedAccounts distinct accounts with failed sign-ins
 * @param failureRatio   failed attempts / all attempts at least this (benign users mostly sign in successfully)
 * @param maxCampaigns   fingerprint groups remembered per stream task; new ones beyond it are not tracked (counted)
 * @param sharedAccounts distinct accounts two actors must both have tried on one endpoint within the window to be
 *                       linked into its account-list campaign ({@link AccountListLinks})
 * @param maxLinkEntries accounts and actors remembered for account-list linking per stream task; new ones beyond it
 *                       are not tracked (counted)
 */
public record CampaignSettings(Duration window, int addresses, int failedAccounts, double failureRatio,
                               int maxCampaigns, int sharedAccounts, int maxLinkEntries) {

    public CampaignSettings {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("campaign window must be positive");
        }
        if (addresses < 2 || failedAccounts < 2 || failureRatio <= 0 || failureRatio > 1 || maxCampaigns < 1
                || sharedAccounts < 2 || maxLinkEntries < 1) {
            throw new IllegalArgumentException("campaign thresholds out of range");
        }
    }

    public static CampaignSettings defaults() {
        return new CampaignSettings(Duration.ofHours(6), 8, 20, 0.8, 100_000, 3, 200_000);
    }

    public long windowMicros() {
        return window.toNanos() / 1000;
    }
}
