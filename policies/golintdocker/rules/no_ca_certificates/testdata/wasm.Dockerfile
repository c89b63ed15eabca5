# A WebAssembly module on scratch, run by a Wasm runtime (WasmEdge): not a
# Linux process, no Linux advice.
FROM rust:1.82 AS build
RUN rustup target add wasm32-wasip1
WORKDIR /src
COPY . .
RUN cargo build --target wasm32-wasip1 --release && cp target/wasm32-wasip1/release/etl.wasm /etl.wasm

FROM scratch
COPY --link --from=build /etl.wasm /etl.wasm
ENTRYPOINT ["etl.wasm"]
