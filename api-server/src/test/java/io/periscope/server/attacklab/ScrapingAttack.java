package io.periscope.server.attacklab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Scraping (OWASP API4/API6): an anonymous bot walks every page of the catalog, hundreds of pages where a shopper
 * reads two or three.
 */
final class ScrapingAttack implements LabAttack {
    static final String ADDRESS = "203.0.113.66";
    /** 780 pages: well above the 600 successful reads of the default threshold, even if a few exchanges were lost. */
    static final int PAGE_SIZE = 10;

    @Override
    public LabActor actor() {
        return LabActor.attacker("scraping script (whole catalog)", List.of(ADDRESS), List.of(), "SCRAPING");
    }

    @Override
    public void run(String base, Path workDir) throws IOException, InterruptedException {
        LabClient client = new LabClient(base, ADDRESS, "python-requests/2.31.0");
        int pages = (LabData.PRODUCTS + PAGE_SIZE - 1) / PAGE_SIZE;
        for (int page = 1; page <= pages; page++) {
            client.get("/api/v1/products?page=" + page + "&size=" + PAGE_SIZE, null);
        }
    }
}
