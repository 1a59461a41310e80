# syntax=docker/dockerfile:1
# Archway's container image: the Next.js standalone server on a slim Node 24 (the major of .nvmrc), run as a non-root user.
#   docker build -t archway .
#   docker run -p 3000:3000 -v archway-data:/data archway
# The embedded SQLite audit log lives in the /data volume; set ARCHWAY_DATABASE_URL to use PostgreSQL instead.

ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 builds its native module when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="Archway" \
      org.opencontainers.image.description="A web dashboard for multi-architecture container images: inspect, fix, assemble and push manifest lists." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="UNLICENSED" \
      org.opencontainers.image.base.name="docker.io/library/node:${NODE_VERSION}-bookworm-slim"
# The JavaScript heap is bounded (512 MB, for a container of 768 MB): without a bound V8 lets its old generation
# grow to several times what is live before it collects (5,000 requests naming unreachable registries left the
# resident memory 196 MB higher; with the bound 44 MB), and a container limit would kill the process first.
# The young generation is bounded too (16 MB a semi-space, Node 20's size): Node 24 lets it grow to 64 MB, which
# under 50 clients made each collection pause longer (API p99 224–284 against 193–196 ms) for 70 MB more memory.
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-old-space-size=512 --max-semi-space-size=16" \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    ARCHWAY_DATA_DIR=/data
WORKDIR /app
# The server's files belong to root and are read-only to the user that runs it; only /data is writable.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
RUN groupadd --system --gid 10001 archway \
 && useradd --system --uid 10001 --gid archway --home-dir /nonexistent --shell /usr/sbin/nologin archway \
 && mkdir -p /data \
 && chown archway:archway /data
USER 10001:10001
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and gets SIGTERM itself, which drains pushes in flight (ARCHWAY_SHUTDOWN_TIMEOUT_MS).
CMD ["node", "server.js"]
