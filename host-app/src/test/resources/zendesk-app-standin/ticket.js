// Opens the app in the sidebar frame with this page's query (the ticket and the CRM id).
document.getElementById('app').src = '/zendesk-app/assets/iframe.html' + location.search;
