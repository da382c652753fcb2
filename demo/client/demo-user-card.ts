/** Shows the logged-in user's avatar as authentik's /api/v3/core/users/me/ reports it; refreshes after each completed flow. */
export class DemoUserCard extends HTMLElement {
  connectedCallback(): void {
    void this.refresh();
    document.addEventListener('demo-flow-completed', () => void this.refresh());
  }

  async refresh(): Promise<void> {
    const response = await fetch('/api/v3/core/users/me/');
    if (!response.ok) {
      this.textContent = 'Not logged in';
      return;
    }
    const { user } = (await response.json()) as { user: { username: string; avatar: string } };
    const image = this.querySelector('img') ?? this.appendChild(document.createElement('img'));
    image.alt = `Avatar of ${user.username}`;
    image.width = image.height = 96;
    image.src = user.avatar;
  }
}
