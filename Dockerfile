# The API and the built web app on one port; Neo4j runs in its own container
# (see docker-compose.yml), reached through NEO4J_URI.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/domain/package.json packages/domain/
COPY packages/engine/package.json packages/engine/
COPY packages/store/package.json packages/store/
COPY packages/templates/package.json packages/templates/
COPY packages/seed/package.json packages/seed/
COPY apps/cli/package.json apps/cli/
COPY tools/bench/package.json tools/bench/
COPY tools/neo4j/package.json tools/neo4j/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
EXPOSE 4000
USER node
CMD ["npm", "start"]
