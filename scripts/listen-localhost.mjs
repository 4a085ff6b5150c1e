// Preloaded by `npm run email` (node --import): the React Email preview server calls server.listen(port) with no
// host, which listens on every interface; there is no option for it. A preview of every email (with sample
// addresses and links) belongs on this machine only, so a listen without a host gets 127.0.0.1.
import net from "node:net";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === "number" && (args.length === 1 || typeof args[1] === "function")) {
    return listen.call(this, args[0], "127.0.0.1", ...args.slice(1));
  }
  return listen.apply(this, args);
};
