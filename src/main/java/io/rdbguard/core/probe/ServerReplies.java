package io.rdbguard.core.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What redis-cli prints on stdout for PING and INFO in each {@link ServerState}, as observed on a real server
 * (data: {@code server-replies.yaml}). INFO lines keep the line end redis-cli prints ({@code infoLineEnd}).
 *
 * @param ping        the PING reply per state
 * @param info        the INFO text per state (the sections a probe may ask for)
 * @param infoLineEnd what ends every INFO line on stdout besides the newline ("\r" for redis-cli 7.0)
 * @param observedOn  the server version the replies were observed on, for messages
 */
public record ServerReplies(Map<ServerState, String> ping, Map<ServerState, String> info, String infoLineEnd, String observedOn) {

    public ServerReplies {
        ping = Map.copyOf(ping);
        info = Map.copyOf(info);
    }

    /**
     * The stdout lines of {@code command} (the words after the CLI's options) in {@code state}: nothing when stopped,
     * empty when the command is not one rdb-guard follows (then the pipeline is graded by the rules).
     */
    public Optional<List<String>> stdout(ServerState state, List<String> command) {
        if (command.isEmpty()) {
            return Optional.empty();
        }
        String verb = command.get(0).toLowerCase(Locale.ROOT);
        if (verb.equals("ping") && command.size() == 1) {
            return state == ServerState.STOPPED ? Optional.of(List.of()) : Optional.ofNullable(ping.get(state)).map(List::of);
        }
        if (verb.equals("info") && command.size() <= 2) {
            if (state == ServerState.STOPPED) {
                return Optional.of(List.of());
            }
            String text = info.get(state);
            if (text == null) {
                return Optional.empty();
            }
            // An error reply (NOAUTH ...) is one line, whatever the section; INFO text starts with a section header.
            return Optional.of(text.startsWith("# ") ? section(text, command.size() == 2 ? command.get(1) : "default") : List.of(text.trim()));
        }
        return Optional.empty();
    }

    /** The lines of one INFO section ("# Persistence" ... up to the next header), or all for default/all/everything. */
    private List<String> section(String text, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        boolean all = List.of("default", "all", "everything").contains(wanted);
        List<String> lines = new ArrayList<>();
        boolean in = all;
        for (String line : text.split("\n")) {
            if (line.startsWith("# ")) {
                in = all || line.substring(2).trim().toLowerCase(Locale.ROOT).equals(wanted);
            }
            if (in && !line.isEmpty()) {
                lines.add(line + infoLineEnd);
            }
        }
        return lines;
    }
}
