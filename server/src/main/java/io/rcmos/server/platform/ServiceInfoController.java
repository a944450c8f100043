package io.rcmos.server.platform;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /version} and {@code /info}: what is running and on which engines; nothing sensitive. */
@RestController
class ServiceInfoController {

    private final BuildProperties build;
    private final GitProperties git;
    private final Engines engines;
    private final List<InfoContributor> contributors;

    ServiceInfoController(ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git, Engines engines,
                          List<InfoContributor> contributors) {
        this.build = build.getIfAvailable();
        this.git = git.getIfAvailable();
        this.engines = engines;
        this.contributors = contributors;
    }

    @GetMapping("/version")
    Map<String, Object> version() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", build == null ? "dev" : build.getVersion());
        out.put("commit", git == null ? "unknown" : git.getShortCommitId());
        out.put("build_time", build == null || build.getTime() == null ? null : build.getTime().toString());
        return out;
    }

    @GetMapping("/info")
    Map<String, Object> info() {
        Map<String, Object> out = new LinkedHashMap<>(version());
        out.put("engines", engines.describe());
        contributors.forEach(c -> c.contribute(out));
        return out;
    }
}
