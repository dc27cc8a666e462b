package io.fixbridge.venue.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.venue.VenueError;
import io.fixbridge.venue.VenueException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cursor paging as every list of the adapter reads it (executions, open orders, positions, instruments). */
class OrderQueriesTest {

    private static JsonNode page(String cursor, String... ids) {
        StringBuilder list = new StringBuilder();
        for (String id : ids) {
            list.append(list.length() == 0 ? "" : ",").append("{\"execId\":\"").append(id).append("\"}");
        }
        return BybitJson.tree("{\"nextPageCursor\":\"" + cursor + "\",\"list\":[" + list + "]}");
    }

    @Test
    void everyPageIsAskedWithTheCursorOfThePreviousOneUntilNoneComes() {
        List<String> asked = new ArrayList<>();
        List<JsonNode> pages = OrderQueries.pages(cursor -> {
            asked.add(cursor);
            return CompletableFuture.completedFuture(switch (cursor) {
                case "" -> page("offset%3D2", "a", "b");
                case "offset%3D2" -> page("offset%3D4", "c", "d");
                default -> page("", "e");
            });
        }).join();

        assertThat(asked).containsExactly("", "offset%3D2", "offset%3D4");
        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(p -> BybitJson.list(p, io.fixbridge.venue.bybit.dto.Execution.class).stream())
                .map(io.fixbridge.venue.bybit.dto.Execution::execId)).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void aCursorThatComesBackUnchangedEndsTheList() {
        List<JsonNode> pages = OrderQueries.pages(cursor -> CompletableFuture.completedFuture(page("same", "x")))
                .join();

        assertThat(pages).hasSize(2);
    }

    @Test
    void aListThatNeverEndsFailsAsNotKnownInFull() {
        int[] n = {0};
        CompletableFuture<List<JsonNode>> f = OrderQueries.pages(cursor ->
                CompletableFuture.completedFuture(page("next-" + (++n[0]))));

        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(VenueException.class)
                .satisfies(e -> assertThat(((VenueException) e.getCause()).error().outcome())
                        .isEqualTo(VenueError.Outcome.OUTCOME_UNKNOWN));
        assertThat(n[0]).isEqualTo(OrderQueries.MAX_PAGES);
    }

    @Test
    void aFailedPageFailsTheList() {
        CompletableFuture<List<JsonNode>> f = OrderQueries.pages(cursor -> cursor.isEmpty()
                ? CompletableFuture.completedFuture(page("2", "a"))
                : CompletableFuture.failedFuture(new VenueException(VenueError.retryable(null, "limit", null))));

        assertThatThrownBy(f::join).hasCauseInstanceOf(VenueException.class);
    }
}
