// Types for the two undici modules src/net/http.ts loads directly (undici's index has types, its files do not).

declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici'
  export default Agent
}

declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici'
  /** undici's `Dispatcher.prototype.request`: call it with the dispatcher as `this`. */
  export default function request(this: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>
}
