# syntax=docker/dockerfile:1
# Image for every Careloop service (referrals, booking, reminders, inreach), used by the root
# docker-compose.yml. TypeScript runs directly through @swc-node/register, as in development, so
# the dev dependencies are installed. Each compose service picks its app with `command`.
# Build context: the repository root (see infra/docker/app.Dockerfile.dockerignore).
FROM node:20-bookworm-slim

ENV NODE_ENV=development \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

WORKDIR /app
RUN chown node:node /app
USER node

COPY --chown=node:node . .
RUN npm ci

# Overridden per service in docker-compose.yml.
CMD ["node", "-r", "@swc-node/register", "apps/platform/src/main.ts"]
