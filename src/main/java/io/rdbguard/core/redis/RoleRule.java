package io.rdbguard.core.redis;

import io.rdbguard.core.workload.ContainerRole;
import java.util.List;

/**
 * A command that means a role: its program (a name such as {@code redis-server}, a path suffix such as
 * {@code redis-sentinel/run.sh}, or an absolute path) and the arguments it must also have ({@code --sentinel}).
 */
public record RoleRule(ContainerRole role, List<String> programs, List<String> arguments, String source) {

    public RoleRule {
        programs = List.copyOf(programs);
        arguments = List.copyOf(arguments);
    }

    boolean matches(List<String> command) {
        return !command.isEmpty() && programs.stream().anyMatch(p -> RoleRules.isProgram(command.get(0), p))
                && command.containsAll(arguments);
    }
}
