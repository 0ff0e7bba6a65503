package io.rdbguard.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rdbguard.core.probe.ServerReplies;
import io.rdbguard.core.probe.ServerState;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Loads {@value #BUILT_IN}: what redis-cli prints in each server state, as observed on a real server. */
final class ServerRepliesLoader {

    static final String BUILT_IN = "rdb-guard/server-replies.yaml";

    private ServerRepliesLoader() {
    }

    record File(String observedOn, String infoLineEnd, Map<String, StateRow> states) {
    }

    record StateRow(String description, String ping, String info) {
    }

    static ServerReplies builtIn() {
        try (InputStream in = ServerRepliesLoader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in server replies " + BUILT_IN + " are missing from the classpath");
            }
            File file = new ObjectMapper(new YAMLFactory()).readValue(in, File.class);
            Map<ServerState, String> ping = new EnumMap<>(ServerState.class);
            Map<ServerState, String> info = new EnumMap<>(ServerState.class);
            file.states().forEach((name, row) -> {
                ServerState state = ServerState.valueOf(name.toUpperCase(Locale.ROOT));
                ping.put(state, row.ping());
                info.put(state, row.info());
            });
            return new ServerReplies(ping, info, file.infoLineEnd(), file.observedOn());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the built-in server replies " + BUILT_IN + " cannot be read: " + e.getMessage(), e);
        }
    }
}
